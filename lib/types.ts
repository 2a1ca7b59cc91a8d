// Domain types the UI may use without reaching into db/.
export type { StoryStatus, UserRole } from '@/db/schema/enums';
export { storyStatus, userRole } from '@/db/schema/enums';
