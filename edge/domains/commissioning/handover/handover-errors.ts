import type { LocalizedText } from '../../../../shared/localized-text';

/**
 * Why a handover is refused: the route answers with the code's status and both messages.
 * INCOMPLETE 409 (open items listed), ALREADY_SIGNED 409, NOT_IN_CHARGE 403,
 * OVERRIDE_NOT_ADMIN 403, FONT_MISSING 503.
 */
export class HandoverError extends Error {
  constructor(
    readonly code: 'INCOMPLETE' | 'ALREADY_SIGNED' | 'NOT_IN_CHARGE' | 'OVERRIDE_NOT_ADMIN' | 'FONT_MISSING',
    readonly messages: LocalizedText,
  ) {
    super(messages.en);
    this.name = 'HandoverError';
  }
}
