/**
 * The events the CDK Provider framework passes to the onEvent and isComplete handlers, and
 * what they answer. Every property value arrives as a string (or a list/map of strings).
 */
export interface ResourceEvent<P = Record<string, unknown>> {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  /** Absent on Create. */
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: P & { readonly ServiceToken?: string };
  /** Present on Update only. */
  readonly OldResourceProperties?: P;
}

export interface OnEventResult {
  readonly PhysicalResourceId?: string;
  readonly Data?: Record<string, string>;
}

/** isComplete gets the onEvent event plus what onEvent answered. */
export interface IsCompleteEvent<P = Record<string, unknown>> extends ResourceEvent<P> {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

export interface IsCompleteResult {
  readonly IsComplete: boolean;
  /** Merged by the framework into the attributes onEvent returned. */
  readonly Data?: Record<string, string>;
}

/** What every `Custom::WorkMail*` resource type implements. */
export interface ResourceHandler<P = any> {
  onEvent(event: ResourceEvent<P>): Promise<OnEventResult>;
  isComplete(event: IsCompleteEvent<P>): Promise<IsCompleteResult>;
}
