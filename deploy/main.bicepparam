// Example parameters (no secrets). Copy, adjust and deploy with:
//   az deployment group create -g <resource-group> -f deploy/main.bicep -p deploy/main.bicepparam
using 'main.bicep'

param namePrefix = 'mha'

param tags = {
  application: 'mha-occupancy'
  environment: 'dev'
}

param containerImage = 'mharegistry.azurecr.io/mha-silo:1.0.0'
param containerRegistryServer = 'mharegistry.azurecr.io'

param siloMinReplicas = 2
param siloMaxReplicas = 4

param eventHubPartitionCount = 8
param eventHubRetentionInDays = 1

// First deployment into a new resource group: false; set the secrets in Key Vault, then deploy again with true.
param wireKeyVaultSecrets = false

// Microsoft Entra group that administers Synapse (object ID and display name); empty for none.
param synapseAdminObjectId = ''
param synapseAdminLogin = ''

param synapseAllowedIpRanges = [
  {
    name: 'office'
    startIpAddress: '203.0.113.0'
    endIpAddress: '203.0.113.255'
  }
]

// The identity that runs the producer (mha-producer --namespace ...), e.g. a CI service principal.
param producerPrincipals = []

// Access per role (docs/security.md): object IDs of the Entra groups and Ingestor service principals; empty: no
// role assignment is made for that role.
param networkAdminsGroupId = ''
param analystsGroupId = ''
param auditorsGroupId = ''
param hospitalManagersGroups = [] // [{ hospitalId: 3, groupId: '<object id>' }, …]
param ingestorPrincipalIds = [] // e.g. the Data Factory identity that copies EHR extracts into landing/ehr/
