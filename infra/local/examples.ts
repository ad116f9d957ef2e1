import { exampleApplication } from '#shared/schemas/examples.ts';

/**
 * The requests a newcomer pastes after `npm start`: printed by the banner and quoted verbatim in
 * the README (a test holds them to each other), with one body and one Idempotency-Key.
 */
export function exampleCommands(url: string, dataDir = './.local'): string[] {
  return [
    `TOKEN=$(node -p "require('${dataDir}/tokens.json').citizen")`,
    `curl -s -X POST ${url}/applications -H "authorization: Bearer $TOKEN" \\`,
    `     -H 'content-type: application/json' -H 'idempotency-key: demo-1' \\`,
    `     -d '${JSON.stringify(exampleApplication)}' | tee ${dataDir}/filed.json`,
    `APPLICATION=$(node -p "require('${dataDir}/filed.json').application.id")`,
    `PERSON=$(node -p "require('${dataDir}/filed.json').application.personId")`,
    `curl -s ${url}/applications/$APPLICATION -H "authorization: Bearer $TOKEN"   # status, deadline, then the ЕНП`,
    `curl -s ${url}/persons/$PERSON/policy -H "authorization: Bearer $TOKEN"      # number, status, validity, insurer`,
    `curl -s ${url}/persons/$PERSON/audit -H "authorization: Bearer $TOKEN"       # who read or changed the record`,
    `curl -s "${url}/persons/$PERSON/policy/barcode?type=qr&format=png" -H "authorization: Bearer $TOKEN" -o ${dataDir}/qr.png   # once numbered`,
    `curl -s ${url}/persons/$PERSON/extract.pdf -H "authorization: Bearer $TOKEN" -o ${dataDir}/extract.pdf   # the register's extract`,
  ];
}
