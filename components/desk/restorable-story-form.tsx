'use client';

import { useRef } from 'react';
import { useRegisterWorkingVersion } from '@/components/review/working-version';
import { StoryForm, type StoryFormHandle, type StoryFormProps } from './story-form';

// The correspondent's form on a page that can also restore a revision: the
// restore first saves what is on screen and acts at that version.
export function RestorableStoryForm(props: Omit<StoryFormProps, 'handleRef'>) {
  const form = useRef<StoryFormHandle>(null);
  useRegisterWorkingVersion(async () => (form.current ? form.current.flush() : (props.story?.version ?? null)));
  return <StoryForm {...props} handleRef={form} />;
}
