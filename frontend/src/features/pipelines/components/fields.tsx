// Light inputs for the editor's tables: a pipeline of twenty stages and thirty transitions has
// hundreds of them, so they are native elements (no popovers per cell), and in read-only mode
// they are plain text. Each takes the DOM id the API's errors are mapped to.
import { ColorSwatch, Group, NativeSelect, Text, TextInput, Textarea } from '@mantine/core';
import { useEditor, MONO } from './editorContext';

interface Base {
  id: string;
  label: string;
  error?: string;
  size?: 'xs' | 'sm';
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  mono,
  multiline,
  maxLength,
  list,
  placeholder,
}: Base & {
  value: string;
  onChange: (v: string) => void;
  mono?: boolean;
  multiline?: boolean;
  maxLength?: number;
  list?: string;
  placeholder?: string;
}) {
  const { readOnly } = useEditor();
  if (readOnly)
    return (
      <Text id={id} size="sm" ff={mono ? 'monospace' : undefined} aria-label={label} style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Text>
    );
  if (multiline)
    return (
      <Textarea
        id={id}
        aria-label={label}
        size="xs"
        autosize
        minRows={1}
        maxRows={4}
        maxLength={maxLength}
        value={value}
        error={error}
        placeholder={placeholder}
        // A name is one line: Enter and pasted line breaks become spaces.
        onChange={(e) => onChange(e.currentTarget.value.replace(/\s*\n\s*/g, ' '))}
      />
    );
  return (
    <TextInput
      id={id}
      aria-label={label}
      size="xs"
      maxLength={maxLength}
      value={value}
      error={error}
      placeholder={placeholder}
      styles={mono ? MONO : undefined}
      list={list}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function ChoiceField({
  id,
  label,
  value,
  options,
  onChange,
  error,
  placeholder,
}: Base & { value: string; options: Choice[]; onChange: (v: string) => void; placeholder?: string }) {
  const { readOnly } = useEditor();
  const known = options.some((o) => o.value === value);
  if (readOnly)
    return (
      <Text id={id} size="sm" aria-label={label}>
        {options.find((o) => o.value === value)?.label ?? (value || '—')}
      </Text>
    );
  const data = [
    ...(placeholder !== undefined ? [{ value: '', label: placeholder }] : []),
    ...options,
    // A value the options do not know (a reference the pipeline cannot resolve) stays visible.
    ...(value && !known ? [{ value, label: value }] : []),
  ];
  return (
    <NativeSelect
      id={id}
      aria-label={label}
      size="xs"
      data={data}
      value={value}
      error={error}
      title={data.find((o) => o.value === value)?.label}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

const HEX = /^#[0-9a-f]{6}$/i;

/** A colour as `#RRGGBB`: the browser's colour picker beside the hex text. */
export function ColorField({
  id,
  label,
  pickerLabel,
  value,
  onChange,
  error,
}: Base & { pickerLabel: string; value: string; onChange: (v: string) => void }) {
  const { readOnly } = useEditor();
  if (readOnly)
    return (
      <Group gap={6} wrap="nowrap" id={id} aria-label={label}>
        <ColorSwatch color={HEX.test(value) ? value : '#ffffff'} size={14} />
        <Text size="sm" ff="monospace">
          {value}
        </Text>
      </Group>
    );
  return (
    <TextInput
      id={id}
      aria-label={label}
      size="xs"
      maxLength={7}
      value={value}
      error={error}
      styles={MONO}
      leftSectionPointerEvents="all"
      leftSection={
        <input
          type="color"
          aria-label={pickerLabel}
          tabIndex={-1}
          value={HEX.test(value) ? value.toLowerCase() : '#868e96'}
          onChange={(e) => onChange(e.currentTarget.value)}
          style={{ width: 18, height: 18, padding: 0, border: 'none', background: 'none', cursor: 'pointer' }}
        />
      }
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
