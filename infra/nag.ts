import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';

/**
 * AWS Solutions and HIPAA Security packs on every synth: an unacknowledged finding fails it.
 * Acknowledgements sit by their constructs, each with a reason, and are copied into the
 * template's metadata so that an auditor reads them in the deployed template too.
 */
export function addNagPacks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }),
    new HIPAASecurityChecks(app, { writeSuppressionsToCloudFormation: true }),
  );
}
