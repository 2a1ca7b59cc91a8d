import { Select } from './field';

export type FilterSelectProps = {
  name: string;
  label: string;
  // The first option, meaning "no filter".
  anyLabel: string;
  options: readonly { id: number; name: string }[];
  selected: number | null | undefined;
  className?: string;
};

// A labelled select in a list's filter bar: one of these records, or any.
export function FilterSelect({ name, label, anyLabel, options, selected, className = 'min-w-[10rem] flex-[1_1_12rem]' }: FilterSelectProps) {
  return (
    <div className={className}>
      <label htmlFor={name} className="mb-1 block text-xs font-medium text-ink-500">
        {label}
      </label>
      <Select name={name} defaultValue={selected ? String(selected) : ''}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.id} value={String(option.id)}>
            {option.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
