// GetTags, TagResource and UntagResource for ML transforms, named by ARN:
// arn:<partition>:glue:<region>:<account>:mlTransform/<transform id>.
import { entityNotFound, invalidInput } from '../protocol/errors.js';
import { optional, requireTransform, type Handler, type OperationContext } from './context.js';

/** AWS's limit of tags per resource, which Glue's TagsMap (max 50) also states. */
export const MAX_TAGS = 50;

const ARN = /^arn:aws(?:-(?:cn|us-gov|iso(?:-[bef])?))?:glue:([^:]*):([^:]*):([^/]+)\/(.+)$/;

/** The transform an ARN names; any other resource is one the emulator does not have. */
function transformOfArn(context: OperationContext, arn: string): string {
  const match = ARN.exec(arn);
  if (!match) throw invalidInput(`Invalid ResourceArn: ${arn}.`);
  const [, , account, resourceType, resourceId] = match as unknown as [string, string, string, string, string];
  if (resourceType !== 'mlTransform' || account !== context.accountId) {
    throw entityNotFound(`Resource ${arn} does not exist.`);
  }
  return requireTransform(context, resourceId).TransformId;
}

/** The transform id an ARN names, or undefined (fault rules match on it). */
export function transformIdOfArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const match = ARN.exec(arn);
  return match?.[3] === 'mlTransform' ? match[4] : undefined;
}

/** A validated TagsMap member as a plain record: JSON null values count as absent. */
export function tagMap(value: unknown): Record<string, string> {
  const entries = Object.entries(optional<Record<string, string | null>>(value) ?? {});
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== null));
}

/** AWS reserves the aws: prefix for its own tags; users may not set or remove them. */
export function requireTagRules(tags: Record<string, string>, existing: Record<string, string> = {}): void {
  for (const key of Object.keys(tags)) {
    if (key.toLowerCase().startsWith('aws:')) throw invalidInput(`Tag keys must not start with aws:, got ${key}.`);
  }
  const total = Object.keys({ ...existing, ...tags }).length;
  if (total > MAX_TAGS) throw invalidInput(`A resource can have at most ${MAX_TAGS} tags; this request would give it ${total}.`);
}

export const getTags: Handler = (input, context) => ({
  Tags: context.store.getTags(transformOfArn(context, input.ResourceArn as string)),
});

export const tagResource: Handler = (input, context) => {
  const transformId = transformOfArn(context, input.ResourceArn as string);
  const existing = context.store.getTags(transformId);
  const added = tagMap(input.TagsToAdd);
  requireTagRules(added, existing);
  context.store.setTags(transformId, { ...existing, ...added });
  return {};
};

export const untagResource: Handler = (input, context) => {
  const transformId = transformOfArn(context, input.ResourceArn as string);
  const tags = context.store.getTags(transformId);
  for (const key of optional<string[]>(input.TagsToRemove) ?? []) {
    if (key.toLowerCase().startsWith('aws:')) throw invalidInput(`Tag keys must not start with aws:, got ${key}.`);
    delete tags[key];
  }
  context.store.setTags(transformId, tags);
  return {};
};
