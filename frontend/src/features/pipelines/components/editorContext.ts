import { createContext, useContext } from 'react';
import type { PipelineKind } from '../api/pipelines';

export interface EditorContextValue {
  kind: PipelineKind;
  readOnly: boolean;
  /** The API's messages for the input with this DOM id, joined (undefined when none). */
  error: (id: string) => string | undefined;
  /** Forget the messages of an input the admin has just changed. */
  touch: (id: string) => void;
}

export const EditorContext = createContext<EditorContextValue>({
  kind: 'deal',
  readOnly: true,
  error: () => undefined,
  touch: () => undefined,
});

export const useEditor = () => useContext(EditorContext);

/** Codes are typed in a monospace font (only the input, not its label). */
export const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
