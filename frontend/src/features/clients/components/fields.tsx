// Field groups shared by the new-client form and the client card. Values mirror the request
// bodies so server error paths (`counterparty.inn`) land on the right input.
import { Grid, NativeSelect, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Counterparty } from '../api/clients';
import { COUNTERPARTY_KINDS } from './labels';
import { PhoneInput } from '../../../shared/ui/PhoneInput';

/** `form.getInputProps` for a field path relative to the group. */
export type FieldProps = (field: string) => GetInputPropsReturnType;

export interface CounterpartyValues {
  kind: Counterparty['kind'];
  name: string;
  inn: string;
  kpp: string;
  ogrn: string;
  okpo: string;
  legal_address: string;
  actual_address: string;
}

export const emptyCounterparty = (): CounterpartyValues => ({
  kind: 'legal_entity',
  name: '',
  inn: '',
  kpp: '',
  ogrn: '',
  okpo: '',
  legal_address: '',
  actual_address: '',
});

/** Drops the fields a counterparty of this kind has not got (a sole trader has no KPP). */
export function counterpartyPayload(v: CounterpartyValues) {
  const s = (x: string) => (x.trim() === '' ? undefined : x.trim());
  return {
    kind: v.kind,
    name: v.name.trim(),
    inn: s(v.inn),
    kpp: v.kind === 'legal_entity' ? s(v.kpp) : undefined,
    ogrn: v.kind === 'person' ? undefined : s(v.ogrn),
    okpo: s(v.okpo),
    legal_address: s(v.legal_address),
    actual_address: s(v.actual_address),
  };
}

/** The form values of an existing counterparty. */
export const counterpartyValues = (c: Counterparty): CounterpartyValues => ({
  kind: c.kind,
  name: c.name,
  inn: c.inn ?? '',
  kpp: c.kpp ?? '',
  ogrn: c.ogrn ?? '',
  okpo: c.okpo ?? '',
  legal_address: c.legal_address ?? '',
  actual_address: c.actual_address ?? '',
});

/** An edit: every field is sent, blanks as `null` so the server clears them. */
export function counterpartyPatch(v: CounterpartyValues, version: number) {
  const n = (x: string) => (x.trim() === '' ? null : x.trim());
  return {
    version,
    kind: v.kind,
    name: v.name.trim(),
    inn: n(v.inn),
    kpp: v.kind === 'legal_entity' ? n(v.kpp) : null,
    ogrn: v.kind === 'person' ? null : n(v.ogrn),
    okpo: n(v.okpo),
    legal_address: n(v.legal_address),
    actual_address: n(v.actual_address),
  };
}

export function CounterpartyFields({ field, kind }: { field: FieldProps; kind: Counterparty['kind'] }) {
  const { t } = useTranslation();
  const innLength = kind === 'legal_entity' ? 10 : 12;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <NativeSelect
          label={t('counterparties.fields.kind')}
          data={COUNTERPARTY_KINDS.map((k) => ({ value: k, label: t(`counterparties.kind.${k}`) }))}
          {...field('kind')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8 }}>
        <TextInput label={t('counterparties.fields.name')} required {...field('name')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput
          label={t('counterparties.fields.inn')}
          required={kind !== 'person'}
          inputMode="numeric"
          maxLength={innLength}
          {...field('inn')}
        />
      </Grid.Col>
      {kind === 'legal_entity' && (
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t('counterparties.fields.kpp')} required maxLength={9} {...field('kpp')} />
        </Grid.Col>
      )}
      {kind !== 'person' && (
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label={kind === 'legal_entity' ? t('counterparties.fields.ogrn') : t('counterparties.fields.ogrnip')}
            inputMode="numeric"
            maxLength={kind === 'legal_entity' ? 13 : 15}
            {...field('ogrn')}
          />
        </Grid.Col>
      )}
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput label={t('counterparties.fields.okpo')} inputMode="numeric" maxLength={10} {...field('okpo')} />
      </Grid.Col>
      <Grid.Col span={12}>
        <TextInput label={t('counterparties.fields.legal_address')} {...field('legal_address')} />
      </Grid.Col>
      <Grid.Col span={12}>
        <TextInput label={t('counterparties.fields.actual_address')} {...field('actual_address')} />
      </Grid.Col>
    </Grid>
  );
}

export interface ContactValues {
  last_name: string;
  first_name: string;
  middle_name: string;
  position: string;
  phone: string;
  mobile: string;
  email: string;
}

export const emptyContact = (): ContactValues => ({
  last_name: '',
  first_name: '',
  middle_name: '',
  position: '',
  phone: '',
  mobile: '',
  email: '',
});

export function ContactFields({ field }: { field: FieldProps }) {
  const { t } = useTranslation();
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput label={t('contacts.fields.last_name')} {...field('last_name')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput label={t('contacts.fields.first_name')} required {...field('first_name')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput label={t('contacts.fields.middle_name')} {...field('middle_name')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput label={t('contacts.fields.position')} {...field('position')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput label={t('contacts.fields.email')} type="email" {...field('email')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <PhoneInput label={t('contacts.fields.phone')} {...field('phone')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <PhoneInput label={t('contacts.fields.mobile')} {...field('mobile')} />
      </Grid.Col>
    </Grid>
  );
}
