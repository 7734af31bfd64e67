// Account-id redaction, case by case: what is redacted, what the client sent comes back as sent, and
// where the client's values get no protection (they could otherwise be an oracle for the account id).
import { describe, expect, it } from 'vitest';
import { redactArnAccount, redactAwsIdentifiers } from '../../src/glue/redaction.js';

const ACCOUNT = '123456789012';

describe('redactAwsIdentifiers', () => {
  it('redacts ARNs of every partition and bare account ids', () => {
    expect(redactAwsIdentifiers(`No role arn:aws-us-gov:iam::${ACCOUNT}:role/x, nor arn:aws-cn:glue:cn-north-1:${ACCOUNT}:mlTransform/t (${ACCOUNT}).`)).toBe(
      'No role [arn], nor [arn] ([account]).',
    );
  });

  it('gives back a value the client sent as sent, even where the text before it would make an ARN of it', () => {
    const id = 'rn:aws-cn:glue:q';
    expect(redactAwsIdentifiers(`Run 2: no transform a${id} in account ${ACCOUNT} (1 of 2).`, [id])).toBe(
      `Run 2: no transform a${id} in account [account] (1 of 2).`,
    );
  });

  it('masks the longest value first, so a shorter one inside it cannot break it apart', () => {
    const id = 'rn:aws-cn:glue:q';
    expect(redactAwsIdentifiers(`No transform a${id}.`, ['q', id])).toBe(`No transform a${id}.`);
    expect(redactAwsIdentifiers(`No transform a${id}.`, [id, 'q'])).toBe(`No transform a${id}.`);
  });

  it('ignores empty values, which would otherwise split the account id apart', () => {
    expect(redactAwsIdentifiers(`in account ${ACCOUNT}`, [''])).toBe('in account [account]');
    expect(redactAwsIdentifiers(`in account ${ACCOUNT}`, ['', 'x'])).toBe('in account [account]');
    expect(redactAwsIdentifiers(`role arn:aws:iam::${ACCOUNT}:role/x`, [''])).toBe('role [arn]');
  });

  it('protects no value holding a 12-digit run, wherever the run is: a right and a wrong guess read alike', () => {
    const message = (id: string) => `Transform ${id} is not ready in account ${ACCOUNT}.`;
    const right = redactAwsIdentifiers(message(`tfm-${ACCOUNT}-a`), [`tfm-${ACCOUNT}-a`]);
    expect(right).toBe('Transform tfm-[account]-a is not ready in account [account].');
    expect(redactAwsIdentifiers(message('tfm-999999999999-a'), ['tfm-999999999999-a'])).toBe(right);
  });
});

describe('redactArnAccount', () => {
  it('replaces only the account field of an ARN, in any partition and with a region', () => {
    expect(redactArnAccount(`arn:aws:iam::${ACCOUNT}:role/GlueRole`)).toBe('arn:aws:iam::[account]:role/GlueRole');
    expect(redactArnAccount(`arn:aws-cn:iam::${ACCOUNT}:role/GlueRole`)).toBe('arn:aws-cn:iam::[account]:role/GlueRole');
    expect(redactArnAccount(`arn:aws:glue:us-east-1:${ACCOUNT}:mlTransform/t-${ACCOUNT}`)).toBe(`arn:aws:glue:us-east-1:[account]:mlTransform/t-${ACCOUNT}`);
  });
});
