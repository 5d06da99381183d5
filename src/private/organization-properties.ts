/**
 * The properties of a `Custom::WorkMailOrganization` resource, as the construct writes them.
 * CloudFormation delivers every scalar to the handler as a string, so booleans are typed as
 * `string` here and parsed by the handler.
 */
export interface OrganizationResourceProperties {
  readonly Alias: string;
  readonly KmsKeyArn?: string;
  readonly DirectoryId?: string;
  readonly EnableInteroperability?: string;
  readonly DeleteDirectory?: string;
  readonly ForceDelete?: string;
  readonly Tags?: ReadonlyArray<{ readonly Key: string; readonly Value: string }>;
}
