// Two storage accounts: the ADLS Gen2 lake (hierarchical namespace; Parquet, read by Synapse) and the Orleans
// runtime account (Azure Table clustering and grain state, queues, Event Hubs checkpoints). Kept apart so that
// Synapse and lake readers never see runtime tables, and the runtime account needs no hierarchical namespace.

@description('Azure region.')
param location string

@description('Name of the lake account (ADLS Gen2).')
param lakeAccountName string

@description('Name of the Orleans runtime account.')
param runtimeAccountName string

@description('Redundancy of both accounts.')
param skuName string

@description('Allow account-key (shared key) access. Off: everything signs in with Microsoft Entra ID.')
param allowSharedKeyAccess bool

@description('Container the silos write the Parquet lake to.')
param lakeContainerName string

@description('Container raw files land in before they are processed.')
param landingContainerName string

@description('Filesystem Synapse keeps its own workspace files in (its default ADLS filesystem).')
param synapseFilesystemName string

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

@description('Tags applied to every resource.')
param tags object

var commonProperties = {
  minimumTlsVersion: 'TLS1_2'
  supportsHttpsTrafficOnly: true
  allowBlobPublicAccess: false
  allowSharedKeyAccess: allowSharedKeyAccess
  allowCrossTenantReplication: false
  defaultToOAuthAuthentication: true
  publicNetworkAccess: 'Enabled'
  networkAcls: {
    bypass: 'AzureServices'
    defaultAction: 'Allow'
  }
}

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: lakeAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: union(commonProperties, {
    isHnsEnabled: true
    accessTier: 'Hot'
  })
}

resource lakeBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: lake
  name: 'default'
  properties: {
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

resource lakeContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in [lakeContainerName, landingContainerName, synapseFilesystemName]: {
    parent: lakeBlobs
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource runtime 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: runtimeAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: union(commonProperties, {
    isHnsEnabled: false
    accessTier: 'Hot'
  })
}

output lakeAccountName string = lake.name
output lakeAccountId string = lake.id
output lakeBlobEndpoint string = lake.properties.primaryEndpoints.blob
output lakeDfsEndpoint string = lake.properties.primaryEndpoints.dfs
output synapseFilesystemName string = lakeContainers[2].name
output runtimeAccountName string = runtime.name
output runtimeBlobEndpoint string = runtime.properties.primaryEndpoints.blob
output runtimeTableEndpoint string = runtime.properties.primaryEndpoints.table
output runtimeQueueEndpoint string = runtime.properties.primaryEndpoints.queue
