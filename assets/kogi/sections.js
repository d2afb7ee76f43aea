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
    if ('IntersectionObserver' in window && links.size > 0) {
      const visible = new Set()
      const observer = new IntersectionObserver((entries) => {
        for (const e of entries) (e.isIntersecting ? visible.add(e.target) : visible.delete(e.target))
        let current
        for (const heading of links.keys()) if (visible.has(heading)) current = heading
        if (!current) return
        for (const a of links.values()) a.removeAttribute('aria-current')
        links.get(current).setAttribute('aria-current', 'true')
      }, { rootMargin: '0px 0px -60% 0px' })
      for (const heading of links.keys()) observer.observe(heading)
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
