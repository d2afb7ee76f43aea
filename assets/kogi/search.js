// Search box: shown only with script; the engine and index (under /_kogi/search/, beside this
// bundle, so the site's base path is kept) are fetched only once a student types a query.
;(() => {
  const script = document.currentScript
  const box = document.querySelector('.kogi-search')
  if (!script || !box) return
  const input = box.querySelector('input')
  const list = box.querySelector('ol')
  const status = box.querySelector('.kogi-search-status')
  const dir = new URL('search/', script.src)
  const files = new Map()
  const load = (name) => {
    if (!files.has(name)) files.set(name, fetch(new URL(name, dir)).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${name}`)))))
    return files.get(name)
  }
  let engine
  const start = () => (engine ??= load('index.json').then((m) => import(new URL(m.engine, dir).href)))
  box.hidden = false

  const el = (tag, cls, text) => {
    const e = document.createElement(tag)
    if (cls) e.className = cls
    if (text) e.textContent = text
    return e
  }
  let seq = 0
  const run = async () => {
    const q = input.value.trim()
    const mine = ++seq
    if (!q) {
      list.replaceChildren()
      status.textContent = ''
      return
    }
    try {
      const kogi = await start()
      const results = await kogi.search(q, load, 8)
      if (mine !== seq) return
      list.replaceChildren(...results.map((r) => {
        const a = el('a')
        a.href = r.url
        const marked = (cls, text, width) => {
          const span = el('span', cls)
          for (const p of kogi.snippet(text, q, width)) span.append(p.mark ? el('mark', '', p.text) : document.createTextNode(p.text))
          return span
        }
        a.append(el('span', 'kogi-search-title', r.title), marked('kogi-search-heading', r.heading || r.title, 400), marked('kogi-search-snippet', r.text, 120))
        const li = el('li')
        li.append(a)
        return li
      }))
      status.textContent = results.length ? `${results.length} 件` : '見つかりませんでした'
    } catch (error) {
      if (mine === seq) status.textContent = '検索できませんでした'
      console.error(error)
    }
  }
  let timer
  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(run, 120)
  })
  const links = () => [...list.querySelectorAll('a')]
  box.addEventListener('keydown', (e) => {
    const all = links()
    const at = all.indexOf(document.activeElement)
    if (e.key === 'ArrowDown' && all.length) all[Math.min(at + 1, all.length - 1)].focus()
    else if (e.key === 'ArrowUp' && at >= 0) (at === 0 ? input : all[at - 1]).focus()
    else if (e.key === 'Enter' && document.activeElement === input && all.length) all[0].click()
    else if (e.key === 'Escape') {
      input.value = ''
      run()
      input.blur()
    } else return
    e.preventDefault()
  })
  document.addEventListener('keydown', (e) => {
    const t = e.target
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return
    e.preventDefault()
    input.focus()
  })

  // A result may point at a heading that has no id yet (the index slugs such headings); give
  // the headings their slugs, the way the index did, and go to the one asked for.
  const land = async () => {
    const id = decodeURIComponent(location.hash.slice(1))
    if (!id || document.getElementById(id)) return
    const kogi = await start()
    const used = new Map()
    for (const h of document.querySelectorAll('.content :is(h1, h2, h3, h4)')) {
      if (h.id) continue
      // The heading's text as the index read it: formulas left out, spaces collapsed.
      const copy = h.cloneNode(true)
      for (const skip of copy.querySelectorAll('.katex, [aria-hidden="true"], [role="tooltip"], [hidden]')) skip.replaceWith(' ')
      const base = kogi.slug(copy.textContent.replace(/[\s\u3000]+/g, ' '))
      const n = used.get(base) ?? 0
      used.set(base, n + 1)
      h.id = n ? `${base}-${n}` : base
    }
    document.getElementById(id)?.scrollIntoView()
  }
  addEventListener('hashchange', land)
  land()
})()
