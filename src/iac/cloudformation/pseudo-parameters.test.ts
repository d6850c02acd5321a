import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configErrorOf, propertiesOf } from '../../../test/helpers/templates.ts';
import type { ResolveOptions } from './resolve-options.ts';

const template = (value: string) => `Resources:\n  R:\n    Type: AWS::Test::Thing\n    Properties:\n      Short: !Ref ${value}\n      Long: {Ref: ${value}}\n`;
const both = (name: string, options: ResolveOptions = {}) => propertiesOf(template(name), 'R', options);

test('AWS::Region defaults to us-east-1 and takes the region option', () => {
  assert.deepEqual(both('AWS::Region'), { Short: 'us-east-1', Long: 'us-east-1' });
  assert.deepEqual(both('AWS::Region', { region: 'eu-west-3' }), { Short: 'eu-west-3', Long: 'eu-west-3' });
});

test('AWS::AccountId defaults to 000000000000 and takes the accountId option', () => {
  assert.deepEqual(both('AWS::AccountId'), { Short: '000000000000', Long: '000000000000' });
  assert.deepEqual(both('AWS::AccountId', { accountId: '123412341234' }), { Short: '123412341234', Long: '123412341234' });
});

test('AWS::StackName defaults to hoplite-local and takes the stackName option', () => {
  assert.deepEqual(both('AWS::StackName'), { Short: 'hoplite-local', Long: 'hoplite-local' });
  assert.deepEqual(both('AWS::StackName', { stackName: 'chat-dev' }), { Short: 'chat-dev', Long: 'chat-dev' });
});

test('AWS::StackId is a stack ARN whose id is derived from region, account and name, the same on every run', () => {
  const id = 'arn:aws:cloudformation:us-east-1:000000000000:stack/hoplite-local/8c7d0a4a-764a-26df-77ad-d775d819f50f';
  assert.deepEqual(both('AWS::StackId'), { Short: id, Long: id });
  assert.notEqual(both('AWS::StackId', { stackName: 'other' }).Short, id);
});

test('AWS::Partition is aws, aws-cn or aws-us-gov by region', () => {
  assert.deepEqual(both('AWS::Partition'), { Short: 'aws', Long: 'aws' });
  assert.deepEqual(both('AWS::Partition', { region: 'cn-north-1' }), { Short: 'aws-cn', Long: 'aws-cn' });
  assert.deepEqual(both('AWS::Partition', { region: 'us-gov-west-1' }), { Short: 'aws-us-gov', Long: 'aws-us-gov' });
});

test('AWS::URLSuffix is amazonaws.com, or amazonaws.com.cn in China', () => {
  assert.deepEqual(both('AWS::URLSuffix'), { Short: 'amazonaws.com', Long: 'amazonaws.com' });
  assert.deepEqual(both('AWS::URLSuffix', { region: 'cn-northwest-1' }), { Short: 'amazonaws.com.cn', Long: 'amazonaws.com.cn' });
});

test('AWS::NotificationARNs is empty unless notificationArns is given', () => {
  assert.deepEqual(both('AWS::NotificationARNs'), { Short: [], Long: [] });
  const arns = ['arn:aws:sns:us-east-1:000000000000:topic'];
  assert.deepEqual(both('AWS::NotificationARNs', { notificationArns: arns }), { Short: arns, Long: arns });
});

test('AWS::NoValue removes the key', () => {
  assert.deepEqual(both('AWS::NoValue'), {});
});

test('an unknown pseudo parameter is an error naming the known ones', () => {
  assert.equal(
    configErrorOf(() => both('AWS::Regoin')),
    'template.yaml:5:19: Resources.R.Properties.Short.Ref: AWS::Regoin is not a pseudo parameter; expected one of AWS::AccountId, AWS::NotificationARNs, AWS::NoValue, AWS::Partition, AWS::Region, AWS::StackId, AWS::StackName, AWS::URLSuffix',
  );
});
