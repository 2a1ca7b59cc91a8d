import { BilingualStatus } from '@/components/bilingual-status';

// Addresses no route knows.
export default function NotFound() {
  return <BilingualStatus code="404" page="notFound" />;
}
