// kogi theme script: the display toggles, copy buttons on code, keyboard access to wide blocks.
// Everything here is an enhancement: without it the page reads, prints and scrolls the same.
(() => {
  'use strict'
  const root = document.documentElement
  const dark = window.matchMedia('(prefers-color-scheme: dark)')

  const store = {
    get(key) { try { return localStorage.getItem(key) } catch { return null } },
    set(key, value) { try { value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value) } catch { /* private mode: not remembered */ } },
  }

  function showState() {
    for (const button of document.querySelectorAll('[data-toggle="theme"]')) button.setAttribute('aria-pressed', String(root.dataset.theme === 'dark'))
    for (const button of document.querySelectorAll('[data-toggle="projector"]')) button.setAttribute('aria-pressed', String('projector' in root.dataset))
  }

  // Picking the scheme the OS already has forgets the choice, so the page follows the OS again.
  function setTheme(theme) {
    root.dataset.theme = theme
    store.set('kogi-theme', theme === (dark.matches ? 'dark' : 'light') ? null : theme)
    showState()
  }

  function setProjector(on) {
    if (on) root.dataset.projector = ''
    else delete root.dataset.projector
    store.set('kogi-projector', on ? '1' : '0')
    showState()
    markScrollable()
  }

  dark.addEventListener('change', () => {
    if (!store.get('kogi-theme')) { root.dataset.theme = dark.matches ? 'dark' : 'light'; showState() }
  })

  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-toggle]') : null
    if (!button) return
    if (button.dataset.toggle === 'theme') setTheme(root.dataset.theme === 'dark' ? 'light' : 'dark')
    if (button.dataset.toggle === 'projector') setProjector(!('projector' in root.dataset))
  })

  // Another tab changed a preference: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key === 'kogi-theme') root.dataset.theme = event.newValue || (dark.matches ? 'dark' : 'light')
    if (event.key === 'kogi-projector') { if (event.newValue === '1') root.dataset.projector = ''; else delete root.dataset.projector }
    showState()
  })

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text)
    // Plain http on a campus network has no clipboard API; the old way still works there.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.cssText = 'position:fixed;top:-100vh;opacity:0'
    document.body.append(area)
    area.select()
    const ok = document.execCommand('copy')
    area.remove()
    if (!ok) throw new Error('copy refused')
  }

  function addCopyButtons() {
    for (const pre of document.querySelectorAll('.content pre')) {
      const code = pre.querySelector('code')
      if (!code || pre.parentElement?.classList.contains('code-block')) continue
      const wrap = document.createElement('div')
      wrap.className = 'code-block'
      pre.replaceWith(wrap)
      wrap.append(pre)
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'copy-button'
      button.textContent = 'コピー'
      button.setAttribute('aria-label', 'コードをコピー')
      button.addEventListener('click', async () => {
        try {
          await copyText(code.textContent.replace(/\n$/, ''))
          button.textContent = 'コピーしました'
          button.dataset.copied = ''
        } catch {
          button.textContent = 'コピーできません'
        }
        setTimeout(() => { button.textContent = 'コピー'; delete button.dataset.copied }, 2000)
      })
      wrap.prepend(button)
    }
  }

  // A block that scrolls sideways must be reachable by keyboard to be scrolled without a mouse.
  function markScrollable() {
    for (const el of document.querySelectorAll('.katex-display, .content table, .content pre')) {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (!el.hasAttribute('tabindex')) { el.setAttribute('tabindex', '0'); el.dataset.kogiScroll = '' }
      } else if ('kogiScroll' in el.dataset) {
        el.removeAttribute('tabindex'); delete el.dataset.kogiScroll
      }
    }
  }

  showState()
  addCopyButtons()
  markScrollable()
  let resizing = 0
  window.addEventListener('resize', () => { cancelAnimationFrame(resizing); resizing = requestAnimationFrame(markScrollable) })
  document.fonts?.ready.then(markScrollable)
})()
