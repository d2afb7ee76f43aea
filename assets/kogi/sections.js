// Linked sections: highlight the current section in the table of contents, fold the table of
// contents on phones, and let a first tap on a term link show its definition on touch screens.
(() => {
  const toc = document.querySelector('.kogi-toc')
  if (toc) {
    const details = toc.querySelector('details')
    if (details && window.matchMedia('(max-width: 79.99em)').matches) details.open = false
    // Each section's heading, observed as it crosses the top part of the screen.
    const links = new Map()
    for (const a of toc.querySelectorAll('a[href^="#"]')) {
      const section = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))
      const heading = section && (section.querySelector(':scope > h1, :scope > h2, :scope > h3, :scope > h4') ?? section)
      if (heading) links.set(heading, a)
    }
    if (links.size > 0) {
      // The current section is the last heading above 40% of the screen; at the very bottom of
      // the page, the last heading on screen (a short last section never reaches that line).
      const headings = [...links.keys()]
      let queued = false
      const update = () => {
        queued = false
        const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2
        const line = atBottom ? window.innerHeight : window.innerHeight * 0.4
        let current
        for (const h of headings) if (h.getBoundingClientRect().top < line) current = h
        for (const a of links.values()) a.removeAttribute('aria-current')
        if (current) links.get(current).setAttribute('aria-current', 'true')
      }
      const schedule = () => {
        if (!queued) (queued = true), requestAnimationFrame(update)
      }
      window.addEventListener('scroll', schedule, { passive: true })
      window.addEventListener('resize', schedule)
      update()
    }
  }
  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a.kogi-term') : null
    if (!a || !window.matchMedia('(hover: none)').matches) return
    if (!a.classList.contains('kogi-term-open')) {
      event.preventDefault()
      for (const open of document.querySelectorAll('.kogi-term-open')) open.classList.remove('kogi-term-open')
      a.classList.add('kogi-term-open')
    }
  })
})()
