/** The stand-in's S3: buckets and objects in memory, path-style REST for HeadBucket, GetBucketLocation, HeadObject, PutObject. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedCall } from './calls.ts';

interface Bucket {
  region: string;
  objects: Map<string, Buffer>;
}

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

function s3Error(response: ServerResponse, status: number, code: string, message: string, head: boolean): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  // HEAD answers carry no body; the SDK names the error after the status (NotFound, Forbidden).
  response.end(head ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

export class StandInS3 {
  readonly buckets = new Map<string, Bucket>();

  createBucket(name: string, region: string): void {
    this.buckets.set(name, { region, objects: new Map() });
  }

  object(bucket: string, key: string): Buffer | undefined {
    return this.buckets.get(bucket)?.objects.get(key);
  }

  /** The object a virtual-hosted (`https://b.s3.region.amazonaws.com/key`) or path-style template URL names. */
  objectAtUrl(url: string): Buffer | undefined {
    const parsed = new URL(url);
    const hosted = /^(.+)\.s3[.-]/.exec(parsed.hostname);
    const path = parsed.pathname.slice(1).split('/').map(decodeURIComponent);
    if (hosted) return this.object(hosted[1] as string, path.join('/'));
    const [bucket, ...key] = path;
    return this.object(bucket ?? '', key.join('/'));
  }

  async handle(request: IncomingMessage, body: Buffer, response: ServerResponse, record: (call: RecordedCall) => void): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const [bucketName = '', ...keyParts] = url.pathname.slice(1).split('/').map(decodeURIComponent);
    const key = keyParts.join('/');
    const method = request.method ?? 'GET';
    const head = method === 'HEAD';
    const action =
      method === 'HEAD' && !key
        ? 'HeadBucket'
        : method === 'GET' && !key && url.searchParams.has('location')
          ? 'GetBucketLocation'
          : method === 'HEAD'
            ? 'HeadObject'
            : method === 'PUT' && key
              ? 'PutObject'
              : `${method} ${url.pathname}${url.search}`;
    record({ service: 's3', action, params: key ? { Bucket: bucketName, Key: key } : { Bucket: bucketName } });
    const bucket = this.buckets.get(bucketName);
    if (!bucket) return s3Error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist', head);
    switch (action) {
      case 'HeadBucket':
        response.writeHead(200, { 'x-amz-bucket-region': bucket.region });
        return void response.end();
      case 'GetBucketLocation': {
        // us-east-1 is answered as an empty constraint.
        const constraint = bucket.region === 'us-east-1' ? '' : bucket.region;
        response.writeHead(200, { 'content-type': 'application/xml' });
        return void response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}">${constraint}</LocationConstraint>`);
      }
      case 'HeadObject': {
        const object = bucket.objects.get(key);
        if (!object) return s3Error(response, 404, 'NoSuchKey', 'The specified key does not exist.', head);
        response.writeHead(200, { 'content-length': object.length, etag: '"stand-in"' });
        return void response.end();
      }
      case 'PutObject':
        bucket.objects.set(key, body);
        response.writeHead(200, { etag: '"stand-in"' });
        return void response.end();
      default:
        return s3Error(response, 501, 'NotImplemented', `The stand-in does not answer ${action}`, head);
    }
  }
}
