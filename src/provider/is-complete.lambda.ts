import { isComplete } from '../handlers';

/** The Provider framework's isComplete handler for every `Custom::WorkMail*` resource. */
export const handler = isComplete;
