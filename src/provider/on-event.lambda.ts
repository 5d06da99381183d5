import { onEvent } from '../handlers';

/** The Provider framework's onEvent handler for every `Custom::WorkMail*` resource. */
export const handler = onEvent;
