'use client';

import { useState } from 'react';
import { Select, TextInput } from '@/components/ui/field';
import { FilterField } from '@/components/ui/filter-field';

type Period = { from: string; to: string };

export type RangeFieldsProps<P extends string> = {
  // Each named period with its dates in the site's zone; 'custom' has none.
  presets: readonly { value: P | 'custom'; label: string; period?: Period }[];
  selected: P | 'custom';
  from: string;
  to: string;
  labels: { range: string; from: string; to: string };
};

// The period of the statistics filter: the menu and the dates always agree.
// Choosing a named period fills in its dates; typing a date makes it custom.
// The form sends both, and the server takes the menu's word.
export function RangeFields<P extends string>({ presets, selected, from, to, labels }: RangeFieldsProps<P>) {
  const [value, setValue] = useState<P | 'custom'>(selected);
  const [dates, setDates] = useState<Period>({ from, to });
  return (
    <>
      <FilterField name="range" label={labels.range} className="min-w-[8rem] flex-[1_1_9rem]">
        <Select
          name="range"
          value={value}
          onChange={(event) => {
            const next = event.target.value as P | 'custom';
            setValue(next);
            const period = presets.find((p) => p.value === next)?.period;
            if (period) setDates(period);
          }}
        >
          {presets.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
            </option>
          ))}
        </Select>
      </FilterField>
      {(['from', 'to'] as const).map((name) => (
        <FilterField key={name} name={name} label={labels[name]} className="min-w-[9rem] flex-[1_1_10rem]">
          <TextInput
            name={name}
            type="date"
            value={dates[name]}
            onChange={(event) => {
              setDates({ ...dates, [name]: event.target.value });
              setValue('custom');
            }}
          />
        </FilterField>
      ))}
    </>
  );
}
