/** Passage ids as content files write them. */

/** `speech/s2-p3-4` as a translation or a notes file writes it: `s2-p3-4`. */
export function localId(passageId: string, docId: string): string {
  return passageId.startsWith(`${docId}/`) ? passageId.slice(docId.length + 1) : passageId;
}

/** The ids to choose from, for an error about one that is not there: the first few, then how many more. */
export function idChoices(ids: readonly string[]): string {
  const shown = ids.slice(0, ID_CHOICES_SHOWN).join(', ');
  return ids.length > ID_CHOICES_SHOWN ? `${shown} and ${ids.length - ID_CHOICES_SHOWN} more` : shown;
}

const ID_CHOICES_SHOWN = 30;
