/** Every call the stand-in answers, recorded for tests to assert: the service, the action and its key parameters. */
export interface RecordedCall {
  service: 'cloudformation' | 's3';
  action: string;
  /** CloudFormation: the form fields as sent, without Action and Version. S3: Bucket and Key. */
  params: Record<string, string>;
}
