// Which role gets which data role on the lake account, and the ABAC conditions that narrow it to containers and
// folders (docs/security.md, "Lake and Synapse permissions per role"). Pure functions, no resources: access.bicep
// deploys what lakeAccessPlan() returns, and tests/MHA.UnitTests/Deploy evaluate the same function at build time
// (bicep build-params) to check the conditions. Condition syntax: Azure ABAC for Blob Storage, conditionVersion 2.0.

@export()
@description('An Entra group whose members manage one hospital.')
type hospitalGroup = {
  @description('Hospital id (1..7).')
  hospitalId: int

  @description('Object id of the Entra group; empty: none.')
  groupId: string
}

@export()
@description('One role assignment on the lake account.')
type lakeAssignment = {
  @description('Stable key of the assignment (part of its name).')
  key: string

  @description('Object id of the group or service principal.')
  principalId: string

  principalType: 'Group' | 'ServicePrincipal'

  @description('Built-in role definition id.')
  roleDefinitionId: string

  @description('account: the whole lake account (every container); lakeContainer: only the container the engine writes.')
  scope: 'account' | 'lakeContainer'

  @description('What the role holder may do, in words (the assignment\'s description).')
  description: string

  @description('ABAC condition (version 2.0); null: unconditioned.')
  condition: string?
}

@export()
@description('Built-in role: Storage Blob Data Reader (data action: blobs/read).')
func storageBlobDataReader() string => '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'

@export()
@description('Built-in role: Storage Blob Data Contributor (data actions: blobs/read, write, add, delete, move).')
func storageBlobDataContributor() string => 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

func blobAction(name string) string => 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/${name}'

func containerIs(container string) string => '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals \'${container}\''

// Blob path and list prefix values carry no container name and no leading slash.
func pathUnder(prefixes string[]) string =>
  join(map(prefixes, p => '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith \'${p}\''), ' OR ')

func listedUnder(prefixes string[]) string =>
  join(map(prefixes, p => '@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith \'${p}\''), ' OR ')

// Listing is the read action with suboperation Blob.List; it has no blob path, only the requested prefix, so it gets
// its own clause. Without it, a reader could list (not read) every folder name of the container.
func listOnlyUnder(container string, prefixes string[]) string =>
  '((!(ActionMatches{\'${blobAction('read')}\'} AND SubOperationMatches{\'Blob.List\'})) OR (${containerIs(container)} AND (${listedUnder(prefixes)})))'

@export()
@description('Storage Blob Data Reader narrowed to blobs under the prefixes of one container: read and list nothing else.')
func readOnlyUnder(container string, prefixes string[]) string =>
  '((!(ActionMatches{\'${blobAction('read')}\'} AND NOT SubOperationMatches{\'Blob.List\'})) OR (${containerIs(container)} AND (${pathUnder(prefixes)}))) AND ${listOnlyUnder(container, prefixes)}'

@export()
@description('Storage Blob Data Contributor narrowed to blobs under the prefixes of one container: every data action of the role (read, write, create, delete, rename) applies there only.')
func writeOnlyUnder(container string, prefixes string[]) string =>
  '((!(ActionMatches{\'${blobAction('read')}\'} AND NOT SubOperationMatches{\'Blob.List\'}) AND !(ActionMatches{\'${blobAction('write')}\'}) AND !(ActionMatches{\'${blobAction('add/action')}\'}) AND !(ActionMatches{\'${blobAction('delete')}\'}) AND !(ActionMatches{\'${blobAction('move/action')}\'})) OR (${containerIs(container)} AND (${pathUnder(prefixes)}))) AND ${listOnlyUnder(container, prefixes)}'

@export()
@description('The engine\'s own identity: everything, except deleting or renaming audit files (the audit log is append-only).')
func appendOnlyAudit(auditPrefix string) string =>
  '((!(ActionMatches{\'${blobAction('delete')}\'}) AND !(ActionMatches{\'${blobAction('move/action')}\'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringNotStartsWith \'${auditPrefix}\'))'

@export()
@description('Lake folders (of the engine\'s container) per role. Gold is not partitioned by hospital, so a hospital manager\'s share is the tables without patient rows.')
func lakeFolders() object => {
  analyst: ['gold/', 'quality/']
  hospitalManager: ['gold/dim_department/', 'gold/dim_date/', 'gold/fact_occupancy_hourly/', 'quality/']
  auditor: ['audit/']
  networkAdminWrites: ['landing/metadata/']
  ingestorWrites: ['landing/ehr/']
  audit: 'audit/'
}

@export()
@description('Every role assignment on the lake for the given principals; an empty id (or an empty list) assigns nothing.')
func lakeAccessPlan(
  lakeContainer string,
  networkAdminsGroupId string,
  analystsGroupId string,
  auditorsGroupId string,
  hospitalManagers hospitalGroup[],
  ingestorPrincipalIds string[]
) lakeAssignment[] =>
  filter(
    concat(
      [
        {
          key: 'network-admins-read'
          principalId: networkAdminsGroupId
          principalType: 'Group'
          roleDefinitionId: storageBlobDataReader()
          scope: 'account'
          description: 'NetworkAdmin: reads every container and folder of the lake account.'
          condition: null
        }
        {
          key: 'network-admins-metadata'
          principalId: networkAdminsGroupId
          principalType: 'Group'
          roleDefinitionId: storageBlobDataContributor()
          scope: 'lakeContainer'
          description: 'NetworkAdmin: publishes department metadata (landing/metadata/); writes nothing else.'
          condition: writeOnlyUnder(lakeContainer, lakeFolders().networkAdminWrites)
        }
        {
          key: 'analysts'
          principalId: analystsGroupId
          principalType: 'Group'
          roleDefinitionId: storageBlobDataReader()
          scope: 'lakeContainer'
          description: 'Analyst: reads Gold and the quality reports; never Bronze, Silver, quarantine, landing or audit.'
          condition: readOnlyUnder(lakeContainer, lakeFolders().analyst)
        }
        {
          key: 'auditors'
          principalId: auditorsGroupId
          principalType: 'Group'
          roleDefinitionId: storageBlobDataReader()
          scope: 'lakeContainer'
          description: 'Auditor: reads the audit log (audit/) only.'
          condition: readOnlyUnder(lakeContainer, lakeFolders().auditor)
        }
      ],
      // One assignment per group, whatever the number of hospitals it manages: the folders are the same.
      map(union(map(filter(hospitalManagers, m => !empty(m.groupId)), m => m.groupId), []), groupId => {
        key: 'hospital-managers-${groupId}'
        principalId: groupId
        principalType: 'Group'
        roleDefinitionId: storageBlobDataReader()
        scope: 'lakeContainer'
        description: 'HospitalManager (hospitals ${join(map(filter(hospitalManagers, m => m.groupId == groupId), m => string(m.hospitalId)), ', ')}): reads occupancy aggregates and quality reports; no patient rows.'
        condition: readOnlyUnder(lakeContainer, lakeFolders().hospitalManager)
      }),
      map(union(filter(ingestorPrincipalIds, id => !empty(id)), []), id => {
        key: 'ingestor-${id}'
        principalId: id
        principalType: 'ServicePrincipal'
        roleDefinitionId: storageBlobDataContributor()
        scope: 'lakeContainer'
        description: 'Ingestor: drops EHR extracts into landing/ehr/; reads and writes nothing else.'
        condition: writeOnlyUnder(lakeContainer, lakeFolders().ingestorWrites)
      })
    ),
    a => !empty(a.principalId)
  )
