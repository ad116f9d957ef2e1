import { runtimeSdk } from './runtime-sdk.ts';

/** The DynamoDB client, the DocumentClient and its commands, from the runtime's SDK (see ./runtime-sdk.ts). */
const dynamodb: typeof import('@aws-sdk/client-dynamodb') = runtimeSdk('@aws-sdk/client-dynamodb');
const documents: typeof import('@aws-sdk/lib-dynamodb') = runtimeSdk('@aws-sdk/lib-dynamodb');
const attributes: typeof import('@aws-sdk/util-dynamodb') = runtimeSdk('@aws-sdk/util-dynamodb');

export const { DynamoDBClient, ConditionalCheckFailedException, TransactionCanceledException } = dynamodb;
export type DynamoDBClient = import('@aws-sdk/client-dynamodb').DynamoDBClient;

export const { DynamoDBDocumentClient, BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } = documents;
export type DynamoDBDocumentClient = import('@aws-sdk/lib-dynamodb').DynamoDBDocumentClient;

export const { unmarshall } = attributes;
