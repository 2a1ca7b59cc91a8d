import { BilingualStatus } from '@/components/bilingual-status';

// forbidden() outside the portal (which has its own, in the user's language).
export default function Forbidden() {
  return <BilingualStatus code="403" page="forbidden" />;
}
