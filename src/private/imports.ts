import { Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { StringRule, validateString } from './validation';

class Imported extends Resource {}

/**
 * A resource made outside the stack that WorkMail knows by one key (a rule name, a rule id, a
 * domain): the key, checked against the model's rule, is its attribute `property`.
 */
export function importByKey<K extends string>(
  scope: Construct, id: string, property: K, key: string, rule: StringRule,
): Resource & Readonly<Record<K, string>> {
  const imported = new Imported(scope, id);
  validateString(imported, property, key, rule);
  return Object.assign(imported, { [property]: key } as Record<K, string>);
}
