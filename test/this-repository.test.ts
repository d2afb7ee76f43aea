/**
 * Which GitHub repository a site's notebook links point into: the config's `repository`, else
 * the content folder's git checkout (origin remote, current branch), read from `.git` without a
 * network; checked on real checkouts made by `git` in temp folders.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../src/config.js'
import { githubOwnerName, originUrl, readGitCheckout, thisRepository } from '../src/site/repository.js'

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'pipe' }).toString().trim()

/** A fresh checkout on `branch` with origin `remote`, holding `content/`. */
function checkout(remote: string | undefined, branch = 'main'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-repo-')))
  git(dir, 'init', '-q', '-b', branch)
  if (remote) git(dir, 'remote', 'add', 'origin', remote)
  fs.mkdirSync(path.join(dir, 'content', 'c'), { recursive: true })
  return dir
}

describe('a GitHub remote', () => {
  it.each([
    ['https://github.com/o/n.git', 'o', 'n'],
    ['https://github.com/o/n', 'o', 'n'],
    ['https://github.com/o/n/', 'o', 'n'],
    ['https://user@github.com/komazawa-deep-learning/komazawa-deep-learning.github.io.git', 'komazawa-deep-learning', 'komazawa-deep-learning.github.io'],
    ['git@github.com:o/n.git', 'o', 'n'],
    ['git@github.com:o/n', 'o', 'n'],
    ['ssh://git@github.com/o/n.git', 'o', 'n'],
    ['ssh://git@github.com:22/o/n.git', 'o', 'n'],
    ['git://github.com/o/n.git', 'o', 'n'],
  ])('%s is %s/%s', (url, owner, name) => {
    expect(githubOwnerName(url)).toEqual({ owner, name })
  })

  it('is nothing on another host or in another shape', () => {
    for (const url of ['https://gitlab.com/o/n.git', 'git@gitlab.com:o/n.git', 'https://github.com/o', 'https://github.com/o/n/tree/main', '/home/me/n.git', 'https://github.com.evil.example/o/n.git']) {
      expect([url, githubOwnerName(url)]).toEqual([url, undefined])
    }
  })

  it('is read from the origin section of a git config, not another remote', () => {
    const text = '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/u/x.git\n[remote "origin"]\n\turl = git@github.com:o/n.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n'
    expect(originUrl(text)).toBe('git@github.com:o/n.git')
    expect(originUrl('[remote "upstream"]\n\turl = https://github.com/u/x.git\n')).toBeUndefined()
  })
})

describe('this repository', () => {
  it('is the checkout of the content folder: https origin and its current branch, from a folder below the top', () => {
    const dir = checkout('https://github.com/o/n.git', 'gh-pages')
    expect(readGitCheckout(path.join(dir, 'content', 'c'))).toEqual({ root: dir, origin: 'https://github.com/o/n.git', branch: 'gh-pages' })
    expect(thisRepository({}, path.join(dir, 'content'))).toEqual({ owner: 'o', name: 'n', branch: 'gh-pages', root: dir })
  })

  it('reads an ssh origin, and the branch of a linked worktree, whose config is shared', () => {
    const dir = checkout('git@github.com:o/n.git')
    fs.writeFileSync(path.join(dir, 'content', 'a.md'), '# a\n')
    git(dir, 'add', '.')
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'a')
    const tree = path.join(dir, '..', path.basename(dir) + '-wt')
    git(dir, 'worktree', 'add', '-q', '-b', 'course/2024', tree)
    expect(fs.statSync(path.join(tree, '.git')).isFile()).toBe(true)
    expect(thisRepository({}, path.join(tree, 'content'))).toEqual({ owner: 'o', name: 'n', branch: 'course/2024', root: tree })
    expect(thisRepository({}, path.join(dir, 'content'))).toEqual({ owner: 'o', name: 'n', branch: 'main', root: dir })
  })

  it('is the config when it says so, with the checkout where the files are; the branch from either', () => {
    const dir = checkout('https://github.com/fork/copy.git', 'main')
    expect(thisRepository({ repository: 'o/n' }, path.join(dir, 'content'))).toEqual({ owner: 'o', name: 'n', branch: 'main', root: dir })
    expect(thisRepository({ repository: 'o/n', branch: 'master' }, path.join(dir, 'content'))).toEqual({ owner: 'o', name: 'n', branch: 'master', root: dir })
  })

  it('is unknown without a GitHub origin and a config; outside a checkout the content folder is its top', () => {
    expect(thisRepository({}, path.join(checkout(undefined), 'content'))).toBeUndefined()
    expect(thisRepository({}, path.join(checkout('https://gitlab.com/o/n.git'), 'content'))).toBeUndefined()
    const plain = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-plain-')))
    expect(readGitCheckout(plain)).toBeUndefined()
    expect(thisRepository({}, plain)).toBeUndefined()
    expect(thisRepository({ repository: 'o/n' }, plain)).toEqual({ owner: 'o', name: 'n', root: plain })
  })
})

describe('the config keys', () => {
  it('take an owner/name and a branch name, and refuse anything else with the key named', () => {
    expect(resolveConfig({ repository: 'komazawa-deep-learning/komazawa-deep-learning.github.io', branch: 'master' }, 'kogi.config.json')).toMatchObject({ repository: 'komazawa-deep-learning/komazawa-deep-learning.github.io', branch: 'master' })
    expect(resolveConfig({}, 'kogi.config.json').repository).toBeUndefined()
    expect(() => resolveConfig({ repository: 'https://github.com/o/n' }, 'kogi.config.json')).toThrow('kogi.config.json: `repository` must be a GitHub repository "owner/name", got "https://github.com/o/n"')
    expect(() => resolveConfig({ repository: 'o/n/x' }, 'kogi.config.json')).toThrow('`repository` must be a GitHub repository "owner/name", got "o/n/x"')
    expect(() => resolveConfig({ branch: 'my branch' }, 'kogi.config.json')).toThrow('kogi.config.json: `branch` must be a branch name such as "main", got "my branch"')
    expect(() => resolveConfig({ branch: '' }, 'kogi.config.json')).toThrow('`branch` must be a branch name such as "main", got ""')
  })
})
