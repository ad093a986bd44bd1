import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A button that asks before doing something irreversible. */
export function ConfirmButton({
  question,
  onConfirm,
  children,
  confirmLabel,
  loading,
  'aria-label': ariaLabel,
  ...buttonProps
}: ButtonProps & {
  question: string;
  onConfirm: () => void;
  children: ReactNode;
  confirmLabel?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...buttonProps} aria-label={ariaLabel} loading={loading} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={t('common.confirm')} centered>
        <Text mb="md">{question}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel ?? children}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
