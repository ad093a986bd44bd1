// Text on a stage's own colour (a pipeline's stages have any colour an admin picks): black or
// white, whichever reads better — never white on a light blue at 3.5:1.

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** `#1a1b1e` or `#ffffff` on `#rrggbb`; undefined for anything that is not such a colour. */
export function textOn(background: string): string | undefined {
  if (!/^#[0-9a-f]{6}$/i.test(background)) return undefined;
  const l = luminance(background);
  const dark = luminance('#1a1b1e');
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (dark + 0.05);
  return onDark >= onWhite ? '#1a1b1e' : '#ffffff';
}
