/**
 * Every temporary folder the tests make (projects, built sites, browser profiles) goes under
 * one folder per test run, removed when the run ends, so test runs leave nothing in /tmp.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-tests-'))
  // Test files run in child processes started after this, which inherit it; os.tmpdir() reads it.
  process.env.TMPDIR = dir
  return () => fs.rmSync(dir, { recursive: true, force: true })
}
