'use client';

export { ErrorStatus as default } from '@/components/error-status';
