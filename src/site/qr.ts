/**
 * QR codes: an inline SVG of a lecture's public address, so students in the lecture hall can
 * open the page on their phones from the projected screen.
 *
 * The `qrcode` package computes the symbol; it is drawn here as one `<path>` of unit squares,
 * with a quiet zone and fixed black on white (scanners read dark-on-light best, whatever the
 * page's colour scheme), scaled by CSS to whatever size the theme gives it.
 */
import { createRequire } from 'node:module'
import type QRCodeModule from 'qrcode'

// Loaded on first use: a site without a public URL draws no QR codes and need not load it.
const require = createRequire(import.meta.url)
let qrcode: typeof QRCodeModule | undefined

/** Modules of light margin around the symbol, as the QR standard asks. */
const QUIET = 2

/**
 * An SVG QR code of a URL.
 *
 * @param url The absolute address to encode.
 * @param label The accessible name of the image.
 * @returns Standalone SVG markup.
 */
export function qrSvg(url: string, label: string): string {
  qrcode ??= require('qrcode') as typeof QRCodeModule
  const { modules } = qrcode.create(url, { errorCorrectionLevel: 'M' })
  const n = modules.size
  let d = ''
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (modules.get(y, x)) d += `M${x + QUIET} ${y + QUIET}h1v1h-1z`
  }
  const side = n + 2 * QUIET
  const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
  return `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" role="img" aria-label="${escaped}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
}
