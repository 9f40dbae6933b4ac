// Per-role access to the lake (issue 6): role assignments for the Entra groups of the human roles and the Ingestor
// service principals, narrowed by ABAC conditions to the containers and folders each role may see
// (access-plan.bicep; docs/security.md). An empty group id or list assigns nothing, so a deployment without groups
// builds and deploys as before. Only the engine's own identity (roles.bicep) writes Bronze, Silver, Gold and audit.
import { hospitalGroup, lakeAccessPlan } from 'access-plan.bicep'

@description('Name of the lake account.')
param lakeAccountName string

@description('Container the engine writes the lake to (its landing zone is landing/ inside it).')
param lakeContainerName string

@description('Object id of the Entra group of network administrators; empty: none.')
param networkAdminsGroupId string

@description('Object id of the Entra group of analysts; empty: none.')
param analystsGroupId string

@description('Object id of the Entra group of auditors (read the audit log only); empty: none.')
param auditorsGroupId string

@description('Entra groups of hospital managers, one entry per hospital.')
param hospitalManagers hospitalGroup[]

@description('Object ids of the Ingestor service principals (e.g. the Data Factory identity copying EHR extracts).')
param ingestorPrincipalIds string[]

var plan = lakeAccessPlan(lakeContainerName, networkAdminsGroupId, analystsGroupId, auditorsGroupId, hospitalManagers, ingestorPrincipalIds)

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeAccountName

  resource blobs 'blobServices' existing = {
    name: 'default'

    resource lakeContainer 'containers' existing = {
      name: lakeContainerName
    }
  }
}

resource accountAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in filter(plan, p => p.scope == 'account'): {
    scope: lake
    name: guid(lake.id, a.principalId, a.roleDefinitionId, a.key)
    properties: {
      principalId: a.principalId
      principalType: a.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleDefinitionId)
      description: a.description
      condition: a.?condition
      conditionVersion: a.?condition == null ? null : '2.0'
    }
  }
]

resource containerAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in filter(plan, p => p.scope == 'lakeContainer'): {
    scope: lake::blobs::lakeContainer
    name: guid(lake::blobs::lakeContainer.id, a.principalId, a.roleDefinitionId, a.key)
    properties: {
      principalId: a.principalId
      principalType: a.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleDefinitionId)
      description: a.description
      condition: a.?condition
      conditionVersion: a.?condition == null ? null : '2.0'
    }
  }
]

@description('The assignments made: key, principal, role, scope and condition of each.')
output assignments array = plan
