import type { BadgeTone } from '@/components/ui/badge';

// One colour per list category, on the lists and on a list's own page.
export const CATEGORY_TONES: Record<string, BadgeTone> = { forbidden: 'red', caution: 'amber', correction: 'blue', name: 'violet' };
