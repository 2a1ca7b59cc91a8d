// One row of /admin/security: a control, whether it is on, and the value in
// force. Rows are grouped by the GB/T 22239-2019 control area they answer
// (docs/security.md maps each to how an assessor checks it).

export const SECURITY_CONTROL_AREAS = ['identity', 'access', 'audit', 'integrity', 'confidentiality', 'privacy'] as const;
export type SecurityControlArea = (typeof SECURITY_CONTROL_AREAS)[number];

export type SecurityControl = {
  id: string;
  area: SecurityControlArea;
  // Under the catalog's security.controls namespace.
  labelKey: string;
  // What level 3 asks for is in force.
  on: boolean;
  // Values to show beside the state (numbers, names), already plain text.
  detail?: string;
};
