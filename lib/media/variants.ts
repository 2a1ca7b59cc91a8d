// Pure: the display sizes made of every upload. Widths are caps, never
// targets: a smaller image keeps its size.
export const variantNames = ['large', 'medium', 'thumb'] as const;
export type VariantName = (typeof variantNames)[number];

export const variantMaxWidths: Record<VariantName, number> = { large: 2000, medium: 1000, thumb: 320 };
