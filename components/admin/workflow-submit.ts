import { startTransition, type FormEvent } from 'react';

// Sends a form to its action without React's reset afterwards: the reset puts
// a controlled <select> back on its first option even though its state still
// says otherwise (react#30580), so a refused save would show a choice other
// than the one made and sent. Pending state then comes from useActionState.
export function submitKeepingValues(formAction: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
}
