import { operation, OperationTable, ServiceError } from '../operation';
import { requireOrganizationByArn } from './lookup';

/** "A resource can have up to 50 user-applied tags" (TooManyTagsException). */
const MAX_TAGS = 50;

interface TagResourceInput {
  readonly ResourceARN: string;
  readonly Tags: ReadonlyArray<{ readonly Key: string; readonly Value: string }>;
}

interface UntagResourceInput {
  readonly ResourceARN: string;
  readonly TagKeys: readonly string[];
}

interface ListTagsForResourceInput {
  readonly ResourceARN: string;
}

export const tagOperations: OperationTable = {
  TagResource: operation<TagResourceInput>((input, ctx) => {
    const organization = requireOrganizationByArn(ctx, input.ResourceARN);
    if (organization.state !== 'Active') {
      throw new ServiceError('OrganizationStateException', `Organization ${organization.organizationId} is in state ${organization.state}, not Active.`);
    }
    // Tags merge by key; the limit applies to the result.
    const merged = new Map([...organization.tags, ...input.Tags.map((tag): [string, string] => [tag.Key, tag.Value])]);
    if (merged.size > MAX_TAGS) {
      throw new ServiceError('TooManyTagsException', `A resource can have up to ${MAX_TAGS} tags; this request would leave ${merged.size}.`);
    }
    organization.tags = merged;
    return {};
  }),

  UntagResource: operation<UntagResourceInput>((input, ctx) => {
    const organization = requireOrganizationByArn(ctx, input.ResourceARN);
    input.TagKeys.forEach((key) => organization.tags.delete(key));
    return {};
  }),

  ListTagsForResource: operation<ListTagsForResourceInput>((input, ctx) => {
    const organization = requireOrganizationByArn(ctx, input.ResourceARN);
    return { Tags: [...organization.tags].map(([Key, Value]) => ({ Key, Value })) };
  }),
};
