/**
 * Steps run at deployment, declared once: in the cloud a CloudFormation custom resource runs the
 * function on the first deploy and on each deploy where the step's inputs changed
 * (`infra/constructs/deploy-step.ts`); `npm start` runs it as it starts, after the table is made and
 * before the first request is served.
 */
export interface DeployStepDeclaration {
  name: string;
  handler: string;
  description: string;
  timeoutSeconds: number;
  /** Folders (from the project's root) whose files are the step's inputs: it runs on each deploy where one changed. */
  inputs: readonly string[];
}

export const deploySteps = [
  {
    name: 'load-catalogue-seed',
    handler: 'catalogues/load-seed',
    description: "Loads the catalogues' seed (F002, F003, doctors, free care, production calendar) where the fund has not changed them",
    timeoutSeconds: 300,
    inputs: ['shared/catalogues/seed', 'shared/calendar/years'],
  },
  {
    name: 'make-first-signing-key',
    handler: 'signing/make-first-signing-key',
    description: 'Makes the first barcode signing key (and the next, should one be due), so barcodes are signed from the first deploy',
    timeoutSeconds: 60,
    inputs: [],
  },
] as const satisfies readonly DeployStepDeclaration[];

/** What a deploy step's function is given: CloudFormation's custom-resource event, as the Provider framework passes it. */
export interface DeployStepEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  PhysicalResourceId?: string;
}
