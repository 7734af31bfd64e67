// CreateMLTransform, UpdateMLTransform and DeleteMLTransform: the transform lifecycle. The model
// validator has already checked types, lengths, ranges and enums; these are Glue's own rules on top.
import { GlueError, invalidInput } from '../protocol/errors.js';
import type { RawTransform } from '../store/types.js';
import { optional, requireTransform, type Handler, type OperationContext } from './context.js';
import { requireTagRules, tagMap } from './tags.js';

/** Defaults the API reference documents for CreateMLTransform: 10 DPUs and a 2,880-minute timeout. */
export const DEFAULT_MAX_CAPACITY = 10;
export const DEFAULT_TIMEOUT_MINUTES = 2880;
/** Chosen, not documented: Glue picks a version when none is given; the emulator reports this one. */
export const DEFAULT_GLUE_VERSION = '1.0';
/** Glue's default quota of ML transforms per account. */
export const DEFAULT_MAX_TRANSFORMS = 100;

type Capacity = Pick<RawTransform, 'MaxCapacity' | 'WorkerType' | 'NumberOfWorkers'>;

/**
 * The capacity rules of the API reference: MaxCapacity (2 to 100 DPUs) excludes WorkerType and
 * NumberOfWorkers; those two come together; NumberOfWorkers is at least 1.
 */
function requireCapacityRules({ MaxCapacity, WorkerType, NumberOfWorkers }: Capacity): void {
  if (MaxCapacity !== undefined && (WorkerType !== undefined || NumberOfWorkers !== undefined)) {
    throw invalidInput('MaxCapacity cannot be set together with WorkerType or NumberOfWorkers.');
  }
  if ((WorkerType === undefined) !== (NumberOfWorkers === undefined)) {
    throw invalidInput('WorkerType and NumberOfWorkers must be set together.');
  }
  if (MaxCapacity !== undefined && !(MaxCapacity >= 2 && MaxCapacity <= 100)) {
    throw invalidInput(`MaxCapacity must be between 2 and 100 DPUs, got ${MaxCapacity}.`);
  }
  if (NumberOfWorkers !== undefined && NumberOfWorkers < 1) {
    throw invalidInput(`NumberOfWorkers must be at least 1, got ${NumberOfWorkers}.`);
  }
}

function requireOtherRules(transform: Partial<RawTransform>): void {
  if (transform.Role !== undefined && transform.Role.trim() === '') throw invalidInput('Role must not be empty.');
  if (transform.MaxRetries !== undefined && transform.MaxRetries < 0) {
    throw invalidInput(`MaxRetries must not be negative, got ${transform.MaxRetries}.`);
  }
  const encryption = transform.TransformEncryption?.MlUserDataEncryption;
  if (encryption?.MlUserDataEncryptionMode === 'SSE-KMS' && !encryption.KmsKeyId) {
    throw invalidInput('MlUserDataEncryption.KmsKeyId is required when MlUserDataEncryptionMode is SSE-KMS.');
  }
  if (encryption?.MlUserDataEncryptionMode === 'DISABLED' && encryption.KmsKeyId) {
    throw invalidInput('MlUserDataEncryption.KmsKeyId must not be set when MlUserDataEncryptionMode is DISABLED.');
  }
}

function requireFreeName(context: OperationContext, name: string, except?: string): void {
  const taken = context.store.listTransforms().some((t) => t.Name === name && t.TransformId !== except);
  if (!taken) return;
  // UpdateMLTransform lists no AlreadyExistsException, so a rename onto a taken name is invalid input.
  if (except === undefined) throw new GlueError('AlreadyExistsException', `Transform with name ${name} already exists.`);
  throw invalidInput(`Transform with name ${name} already exists.`);
}

/** The members a request may set, as the stored record takes them (absent ones stay absent). */
function settable(input: Record<string, unknown>): Partial<RawTransform> {
  const members = ['Name', 'Description', 'Parameters', 'Role', 'GlueVersion', 'MaxCapacity', 'WorkerType', 'NumberOfWorkers', 'Timeout', 'MaxRetries'] as const;
  const out: Record<string, unknown> = {};
  for (const member of members) {
    const value = optional(input[member]);
    if (value !== undefined) out[member] = value;
  }
  return out as Partial<RawTransform>;
}

export const createMLTransform: Handler = (input, context) => {
  const fields = settable(input);
  const tags = tagMap(input.Tags);
  const encryption = optional<RawTransform['TransformEncryption']>(input.TransformEncryption);
  requireCapacityRules(fields);
  requireOtherRules({ ...fields, TransformEncryption: encryption });
  requireTagRules(tags);
  requireFreeName(context, input.Name as string);
  const count = context.store.counts().transforms;
  if (count >= context.maxTransforms) {
    throw new GlueError(
      'ResourceNumberLimitExceededException',
      `Number of ML transforms in account ${context.accountId} has exceeded the limit of ${context.maxTransforms}.`,
    );
  }
  const now = new Date(context.clock.now());
  const usesWorkers = fields.WorkerType !== undefined;
  const transformId = context.store.createTransform(
    {
      ...fields,
      Name: input.Name as string,
      InputRecordTables: input.InputRecordTables as RawTransform['InputRecordTables'],
      Status: 'NOT_READY',
      CreatedOn: now,
      LastModifiedOn: now,
      LabelCount: 0,
      GlueVersion: fields.GlueVersion ?? DEFAULT_GLUE_VERSION,
      MaxCapacity: usesWorkers ? undefined : (fields.MaxCapacity ?? DEFAULT_MAX_CAPACITY),
      Timeout: fields.Timeout ?? DEFAULT_TIMEOUT_MINUTES,
      MaxRetries: fields.MaxRetries ?? 0,
      TransformEncryption: encryption ?? { MlUserDataEncryption: { MlUserDataEncryptionMode: 'DISABLED' } },
    },
    tags,
  );
  return { TransformId: transformId };
};

export const updateMLTransform: Handler = (input, context) => {
  const transform = requireTransform(context, input.TransformId as string);
  const changes = settable(input);
  // Capacity is one setting: a request that sets any of its members replaces all three.
  const capacityChanged = ['MaxCapacity', 'WorkerType', 'NumberOfWorkers'].some((m) => m in changes);
  const { MaxCapacity, WorkerType, NumberOfWorkers } = capacityChanged ? changes : transform;
  const capacity: Capacity = { MaxCapacity, WorkerType, NumberOfWorkers };
  requireCapacityRules(capacity);
  requireOtherRules(changes);
  if (changes.Name !== undefined) requireFreeName(context, changes.Name, transform.TransformId);
  context.store.updateTransform(transform.TransformId, {
    ...changes,
    ...capacity,
    LastModifiedOn: new Date(context.clock.now()),
  });
  return { TransformId: transform.TransformId };
};

export const deleteMLTransform: Handler = (input, context) => {
  const transform = requireTransform(context, input.TransformId as string);
  context.store.deleteTransform(transform.TransformId);
  return { TransformId: transform.TransformId };
};
