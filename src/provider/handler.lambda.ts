import { handleProviderEvent } from '../handlers';

/** The Provider framework's onEvent and isComplete handler for every `Custom::WorkMail*` resource. */
export const handler = handleProviderEvent;
