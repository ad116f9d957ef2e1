import { type CfnElement, CustomResource, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { DeployStepDeclaration } from '#shared/config/deploy-steps.ts';

export interface DeployStepProps {
  step: DeployStepDeclaration;
  /** The step's function, built like every other (`RegisterFunction`). */
  fn: IFunction;
  key: IKey;
  logRetention: RetentionDays;
  /** A hash of the step's inputs (`inputsHash`): a change runs it again on the next deploy. */
  inputs: string;
}

/**
 * A deploy step as a CloudFormation custom resource: the Provider framework hands CloudFormation's
 * create, update and delete events to the step's function. The resource carries the hash of the
 * step's inputs, so it is updated (and the step runs) on the first deploy and on every deploy
 * where those inputs changed, and on no other.
 */
export class DeployStep extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: DeployStepProps) {
    super(scope, id);
    const provider = new Provider(this, 'Provider', {
      onEventHandler: props.fn,
      logGroup: new LogGroup(this, 'ProviderLogs', { retention: props.logRetention, encryptionKey: props.key, removalPolicy: RemovalPolicy.RETAIN }),
    });
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "The Provider framework's function writes only to its own CloudWatch log group through the AWS managed basic execution role.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: "The framework invokes the step's own function and nothing else; the wildcard covers that function's versions.",
      },
      {
        id: 'HIPAA.Security-LambdaConcurrency',
        reason: 'The framework runs only while CloudFormation deploys the stack, once per event of its one custom resource.',
      },
      {
        id: 'HIPAA.Security-LambdaDLQ',
        reason: "CloudFormation waits for the framework's answer on the custom resource's response URL, where the framework reports every failure (the deploy then fails and rolls back); a DLQ would hold events no one acts on.",
      },
      {
        id: 'HIPAA.Security-LambdaInsideVPC',
        reason: "The framework calls only Lambda and CloudFormation's response URL over TLS; a VPC would add NAT or endpoints without reducing exposure.",
      },
    );
    this.resource = new CustomResource(this, 'Run', {
      serviceToken: provider.serviceToken,
      resourceType: `Custom::${props.step.name.replace(/(^|-)(\w)/g, (_m, _dash, c: string) => c.toUpperCase())}`,
      properties: { Step: props.step.name, Inputs: props.inputs },
    });
  }
}
