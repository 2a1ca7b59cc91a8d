import type { ActionState } from '@/lib/action-result';

// A server action as the admin forms receive it from their page.
export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type UnitOption = { id: number; name: string };
