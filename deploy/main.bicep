// MHA occupancy platform on Azure, at resource-group scope: Event Hubs in, an Orleans cluster on Container Apps
// (each replica a silo that also serves the board), a Parquet lake on ADLS Gen2, Synapse serverless SQL over it,
// Key Vault for secrets and Log Analytics for logs. See deploy/README.md.
targetScope = 'resourceGroup'

import { hospitalGroup } from 'modules/access-plan.bicep'

// ---------- Naming ----------

@description('Azure region of every resource. Defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Short lowercase prefix of every resource name (3 to 8 letters or digits).')
@minLength(3)
@maxLength(8)
param namePrefix string = 'mha'

@description('Tags applied to every resource.')
param tags object = {
  application: 'mha-occupancy'
}

// ---------- Event Hubs ----------

@description('Throughput units of the Standard Event Hubs namespace.')
@minValue(1)
@maxValue(40)
param eventHubsCapacity int = 1

@description('Name of the event hub the ADT producers send to and the silos read.')
param eventHubName string = 'adt-events'

@description('Partitions of the event hub. Cannot be changed on Standard once created; Orleans spreads them over the silos.')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 8

@description('Days events are retained in the hub (Standard: 1 to 7).')
@minValue(1)
@maxValue(7)
param eventHubRetentionInDays int = 1

@description('Consumer group the silos read with.')
param eventHubConsumerGroupName string = 'orleans-silos'

@description('Disable Event Hubs SAS keys: only Microsoft Entra identities with an Event Hubs data role can send or receive.')
param eventHubsDisableLocalAuth bool = true

@description('Identities that send ADT events to the hub and get Azure Event Hubs Data Sender on it: [{ principalId, principalType }], principalType ServicePrincipal, User or Group.')
param producerPrincipals array = []

// ---------- Storage ----------

@description('Redundancy of the lake and runtime storage accounts.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Allow storage account keys (shared key). Off by default: the silos and Synapse sign in with Microsoft Entra ID.')
param storageAllowSharedKeyAccess bool = false

@description('Days a deleted lake blob or container can be restored.')
@minValue(1)
@maxValue(365)
param storageDeleteRetentionDays int = 7

// ---------- Key Vault ----------

@description('Days a deleted Key Vault or secret can be recovered (7 to 90). Purge protection is always on.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Key Vault secrets the silos get as environment variables: [{ secretName (in Key Vault), envName (configuration key, __ for :) }]. The values are set in Key Vault by an operator, never here.')
param keyVaultSecrets array = [
  {
    secretName: 'webhook-signing-secret'
    envName: 'Webhooks__SigningSecret'
  }
  {
    secretName: 'patient-key-hmac-secret'
    envName: 'PatientKey__HmacSecret'
  }
]

@description('Reference the Key Vault secrets from the app. Set false for the very first deployment, before the secrets exist in the new vault (a reference to a missing secret fails the revision).')
param wireKeyVaultSecrets bool = true

// ---------- Synapse ----------

@description('Object ID of the Microsoft Entra user or group that becomes Synapse administrator and SQL (Entra) administrator. Empty: none is set.')
param synapseAdminObjectId string = ''

@description('Display name of that user or group (the SQL Entra admin login).')
param synapseAdminLogin string = ''

@description('Let Azure services (Power BI, Data Factory) through the Synapse firewall.')
param synapseAllowAzureServices bool = true

@description('Client IP ranges let through the Synapse firewall: [{ name, startIpAddress, endIpAddress }].')
param synapseAllowedIpRanges array = []

// ---------- Access per role (docs/security.md) ----------

@description('Object ID of the Entra group of network administrators (app role NetworkAdmin): read the whole lake, publish department metadata. Empty: no assignment.')
param networkAdminsGroupId string = ''

@description('Object ID of the Entra group of analysts (app role Analyst): read Gold and the quality reports only. Empty: no assignment.')
param analystsGroupId string = ''

@description('Object ID of the Entra group of auditors: read the audit log (audit/) only. Empty: no assignment.')
param auditorsGroupId string = ''

@description('Entra groups of hospital managers (app role HospitalManager): [{ hospitalId, groupId }]; they read occupancy aggregates and quality reports.')
param hospitalManagersGroups hospitalGroup[] = []

@description('Object IDs of Ingestor service principals (e.g. the Data Factory identity): write EHR extracts into landing/ehr/ only.')
param ingestorPrincipalIds string[] = []

// ---------- Sign-in (docs/security.md) ----------

@description('Entra tenant whose tokens the silos accept (Auth:Entra:Authority = {login endpoint}{tenant}/v2.0). Default: this deployment\'s tenant.')
param entraTenantId string = tenant().tenantId

@description('Audience of the API\'s access tokens: the app registration\'s application id URI (deploy/entra).')
param entraApiAudience string = 'api://${namePrefix}-occupancy'

@description('Token claim holding a HospitalManager\'s or ChargeNurse\'s hospital id (directory extension / optional claim, deploy/entra).')
param entraHospitalClaim string = 'mha_hospital'

@description('Token claim holding a ChargeNurse\'s department.')
param entraDepartmentClaim string = 'mha_department'

// ---------- Silos (Container Apps) ----------

@description('Container image of the silo (src/Silo), e.g. myregistry.azurecr.io/mha-silo:1.0.0.')
param containerImage string

@description('Registry server of a private image, pulled with the platform identity (grant it AcrPull on the registry). Empty: a public image.')
param containerRegistryServer string = ''

@description('Silo replicas kept running at all times.')
@minValue(2)
@maxValue(30)
param siloMinReplicas int = 2

@description('Most silo replicas (no more than the hub has partitions is useful).')
@minValue(2)
@maxValue(30)
param siloMaxReplicas int = 4

@description('vCPU of one silo replica.')
@allowed([
  '0.5'
  '0.75'
  '1.0'
  '1.25'
  '1.5'
  '1.75'
  '2.0'
])
param siloCpu string = '1.0'

@description('Memory of one silo replica: twice the vCPU in Gi on the Consumption profile.')
param siloMemory string = '2Gi'

@description('Orleans cluster ID: silos with the same ID (and service ID) form one cluster in the membership table.')
param orleansClusterId string = 'mha'

@description('Orleans service ID: keys grain state and stream checkpoints; keep it stable across deployments.')
param orleansServiceId string = 'mha-occupancy'

@description('Days Log Analytics keeps the silos\' logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// ---------- Names ----------

var suffix = uniqueString(resourceGroup().id, namePrefix)
var names = {
  logs: 'log-${namePrefix}-${suffix}'
  eventHubs: 'evhns-${namePrefix}-${suffix}'
  lake: take('${namePrefix}lake${suffix}', 24)
  runtime: take('${namePrefix}rt${suffix}', 24)
  keyVault: take('kv-${namePrefix}-${suffix}', 24)
  synapse: 'syn-${namePrefix}-${suffix}'
  platformIdentity: 'id-${namePrefix}-platform-${suffix}'
  environment: 'cae-${namePrefix}-${suffix}'
  app: 'ca-${namePrefix}-silo'
}

var lakeContainerName = 'lake'
var httpPort = 8080

// ---------- Resources ----------

module logs 'modules/monitoring.bicep' = {
  name: 'logs'
  params: {
    location: location
    name: names.logs
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module eventHubs 'modules/eventhubs.bicep' = {
  name: 'eventhubs'
  params: {
    location: location
    namespaceName: names.eventHubs
    capacity: eventHubsCapacity
    hubName: eventHubName
    partitionCount: eventHubPartitionCount
    retentionInDays: eventHubRetentionInDays
    consumerGroupName: eventHubConsumerGroupName
    disableLocalAuth: eventHubsDisableLocalAuth
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    lakeAccountName: names.lake
    runtimeAccountName: names.runtime
    skuName: storageSkuName
    allowSharedKeyAccess: storageAllowSharedKeyAccess
    lakeContainerName: lakeContainerName
    landingContainerName: 'landing'
    synapseFilesystemName: 'synapse'
    deleteRetentionDays: storageDeleteRetentionDays
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: names.keyVault
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    tags: tags
  }
}

module platformIdentity 'modules/identity.bicep' = {
  name: 'platform-identity'
  params: {
    location: location
    name: names.platformIdentity
    keyVaultName: keyVault.outputs.name
    tags: tags
  }
}

module synapse 'modules/synapse.bicep' = {
  name: 'synapse'
  params: {
    location: location
    name: names.synapse
    lakeDfsEndpoint: storage.outputs.lakeDfsEndpoint
    lakeAccountId: storage.outputs.lakeAccountId
    defaultFilesystemName: storage.outputs.synapseFilesystemName
    adminObjectId: synapseAdminObjectId
    adminLogin: synapseAdminLogin
    allowAzureServices: synapseAllowAzureServices
    allowedIpRanges: synapseAllowedIpRanges
    tags: tags
  }
}

// Plain settings of the silo: the Azure profile (docs/profiles.md) reads them.
var siloSettings = [
  {
    name: 'Profile'
    value: 'azure'
  }
  {
    name: 'Lake__Backend'
    value: 'Blob'
  }
  {
    name: 'Lake__BlobAccountUrl'
    value: storage.outputs.lakeBlobEndpoint
  }
  {
    name: 'Lake__Container'
    value: lakeContainerName
  }
  {
    name: 'SimulatedFeed__Enabled'
    value: 'false'
  }
  {
    name: 'EventHubs__FullyQualifiedNamespace'
    value: eventHubs.outputs.fullyQualifiedNamespace
  }
  {
    name: 'EventHubs__HubName'
    value: eventHubs.outputs.hubName
  }
  {
    name: 'EventHubs__ConsumerGroup'
    value: eventHubs.outputs.consumerGroupName
  }
  {
    name: 'Auth__Entra__Authority'
    value: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
  }
  {
    name: 'Auth__Entra__Audience'
    value: entraApiAudience
  }
  {
    name: 'Auth__Entra__HospitalClaim'
    value: entraHospitalClaim
  }
  {
    name: 'Auth__Entra__DepartmentClaim'
    value: entraDepartmentClaim
  }
  {
    name: 'AzureStorage__TableServiceUri'
    value: storage.outputs.runtimeTableEndpoint
  }
  {
    name: 'AzureStorage__QueueServiceUri'
    value: storage.outputs.runtimeQueueEndpoint
  }
  {
    name: 'AzureStorage__BlobServiceUri'
    value: storage.outputs.runtimeBlobEndpoint
  }
  {
    name: 'Silo__ClusterId'
    value: orleansClusterId
  }
  {
    name: 'Silo__ServiceId'
    value: orleansServiceId
  }
]

// The silo module uses platformIdentity's output, so it starts only after that module, including the identity's
// Key Vault Secrets User assignment, has finished.
module silo 'modules/containerapp.bicep' = {
  name: 'silo'
  params: {
    location: location
    environmentName: names.environment
    appName: names.app
    logAnalyticsWorkspaceName: logs.outputs.name
    platformIdentityId: platformIdentity.outputs.id
    image: containerImage
    registryServer: containerRegistryServer
    minReplicas: siloMinReplicas
    maxReplicas: siloMaxReplicas
    cpu: siloCpu
    memory: siloMemory
    httpPort: httpPort
    siloPort: 11111
    gatewayPort: 30000
    environmentVariables: siloSettings
    keyVaultUri: keyVault.outputs.uri
    keyVaultSecrets: wireKeyVaultSecrets ? keyVaultSecrets : []
    terminationGracePeriodSeconds: 60
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    appPrincipalId: silo.outputs.principalId
    synapsePrincipalId: synapse.outputs.principalId
    producerPrincipals: producerPrincipals
    lakeAccountName: storage.outputs.lakeAccountName
    synapseFilesystemName: storage.outputs.synapseFilesystemName
    runtimeAccountName: storage.outputs.runtimeAccountName
    eventHubsNamespaceName: eventHubs.outputs.namespaceName
    hubName: eventHubs.outputs.hubName
    keyVaultName: keyVault.outputs.name
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    lakeAccountName: storage.outputs.lakeAccountName
    lakeContainerName: lakeContainerName
    networkAdminsGroupId: networkAdminsGroupId
    analystsGroupId: analystsGroupId
    auditorsGroupId: auditorsGroupId
    hospitalManagers: hospitalManagersGroups
    ingestorPrincipalIds: ingestorPrincipalIds
  }
}

// ---------- Outputs ----------

@description('Event Hubs namespace host name, for EventHubs__FullyQualifiedNamespace and producers (--namespace).')
output eventHubsNamespaceFqdn string = eventHubs.outputs.fullyQualifiedNamespace

@description('Name of the event hub.')
output eventHubName string = eventHubs.outputs.hubName

@description('Name of the lake storage account (ADLS Gen2).')
output lakeStorageAccountName string = storage.outputs.lakeAccountName

@description('Name of the Orleans runtime storage account (tables, queues).')
output runtimeStorageAccountName string = storage.outputs.runtimeAccountName

@description('Blob URL of the lake account (Lake__BlobAccountUrl).')
output lakeBlobUrl string = storage.outputs.lakeBlobEndpoint

@description('DFS URL of the lake container, the root Synapse OPENROWSET paths start from.')
output lakeDfsUrl string = '${storage.outputs.lakeDfsEndpoint}${lakeContainerName}'

@description('Synapse serverless SQL endpoint to connect SQL clients to.')
output synapseServerlessSqlEndpoint string = synapse.outputs.serverlessSqlEndpoint

@description('Name of the Key Vault that holds the webhook and patient-key HMAC secrets.')
output keyVaultName string = keyVault.outputs.name

@description('Host name of the board (https).')
output appFqdn string = silo.outputs.fqdn

@description('Principal ID of the silo app\'s system-assigned identity.')
output appPrincipalId string = silo.outputs.principalId
