import { createServer } from 'node:http';

/**
 * A stand-in for Secrets Manager's GetSecretValue and PutSecretValue (its JSON protocol), on
 * 127.0.0.1, for running the deployed bundles with the secret ARNs the template gives them. Nothing
 * else is answered.
 */
export async function startLocalSecrets(secrets: Record<string, string>): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const request = (() => {
        try {
          return JSON.parse(body) as { SecretId?: string; SecretString?: string };
        } catch {
          return {};
        }
      })();
      const id = request.SecretId;
      const answer = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(payload));
      if (target !== 'secretsmanager.GetSecretValue' && target !== 'secretsmanager.PutSecretValue') return answer(400, { __type: 'UnknownOperationException' });
      if (!id || !(id in secrets)) return answer(400, { __type: 'ResourceNotFoundException', message: 'Secrets Manager can’t find the specified secret.' });
      if (target === 'secretsmanager.PutSecretValue') {
        secrets[id] = String(request.SecretString);
        return answer(200, { ARN: id, Name: id.split(':').pop(), VersionId: `v${Date.now()}`, VersionStages: ['AWSCURRENT'] });
      }
      answer(200, { ARN: id, Name: id.split(':').pop(), SecretString: secrets[id], VersionId: 'v1', VersionStages: ['AWSCURRENT'], CreatedDate: 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
