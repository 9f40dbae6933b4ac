// Container Apps environment and the silo app: every replica is an Orleans silo that also serves the board
// (ASP.NET Core + SignalR) on port 8080. Replicas find each other through Azure Table membership and talk to
// each other directly on the silo port; only the board is behind ingress.

@description('Azure region.')
param location string

@description('Name of the Container Apps environment.')
param environmentName string

@description('Name of the container app.')
param appName string

@description('Name of the Log Analytics workspace the environment logs to.')
param logAnalyticsWorkspaceName string

@description('Resource ID of the user-assigned identity the platform uses for Key Vault references and image pulls.')
param platformIdentityId string

@description('Container image of the silo, e.g. myregistry.azurecr.io/mha-silo:1.0.0.')
param image string

@description('Registry server to pull the image from with the platform identity (it needs AcrPull there). Empty: a public image.')
param registryServer string

@description('Silo replicas kept running at all times (2 or more, so the cluster survives a restart).')
@minValue(2)
param minReplicas int

@description('Most silo replicas the HTTP scale rule may add.')
param maxReplicas int

@description('vCPU of one replica, e.g. \'1.0\'.')
param cpu string

@description('Memory of one replica; must match the vCPU (1.0 vCPU: 2Gi).')
param memory string

@description('Port the board (ASP.NET Core + SignalR) listens on.')
param httpPort int

@description('Orleans silo-to-silo port.')
param siloPort int

@description('Orleans gateway port (clients).')
param gatewayPort int

@description('Plain (non-secret) environment variables of the silo: [{ name, value }].')
param environmentVariables array

@description('URI of the Key Vault the secrets are in (https://<vault>.vault.azure.net/).')
param keyVaultUri string

@description('Key Vault secrets the app references: [{ secretName, envName }]. Each becomes a container app secret (by Key Vault reference, latest version) and the environment variable envName.')
param keyVaultSecrets array

@description('Seconds a replica gets to stop gracefully (the lake writer flushes its buffer on stop).')
@minValue(0)
@maxValue(600)
param terminationGracePeriodSeconds int

@description('Tags applied to every resource.')
param tags object

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: false
  }
}

// Container app secret names allow lowercase letters, digits and '-' only.
var secretEnv = [
  for secret in keyVaultSecrets: {
    name: secret.envName
    secretRef: toLower(secret.secretName)
  }
]

var fixedEnv = [
  {
    name: 'ASPNETCORE_URLS'
    value: 'http://+:${httpPort}'
  }
  {
    name: 'Silo__HttpPort'
    value: string(httpPort)
  }
  {
    name: 'Silo__SiloPort'
    value: string(siloPort)
  }
  {
    name: 'Silo__GatewayPort'
    value: string(gatewayPort)
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    // System-assigned: the silo's own identity (DefaultAzureCredential picks it: no AZURE_CLIENT_ID is set).
    // User-assigned: the platform's, granted Key Vault Secrets User before the app exists, so that the Key
    // Vault references resolve on the very first revision.
    type: 'SystemAssigned,UserAssigned'
    userAssignedIdentities: {
      '${platformIdentityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      // Sticky sessions need single revision mode.
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: httpPort
        transport: 'auto'
        allowInsecure: false
        stickySessions: {
          affinity: 'sticky'
        }
      }
      secrets: [
        for secret in keyVaultSecrets: {
          name: toLower(secret.secretName)
          keyVaultUrl: '${keyVaultUri}secrets/${secret.secretName}'
          identity: platformIdentityId
        }
      ]
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: platformIdentityId
            }
          ]
    }
    template: {
      terminationGracePeriodSeconds: terminationGracePeriodSeconds
      containers: [
        {
          name: 'silo'
          image: image
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: concat(fixedEnv, environmentVariables, secretEnv)
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/alive'
                port: httpPort
              }
              initialDelaySeconds: 5
              periodSeconds: 5
              failureThreshold: 24
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/alive'
                port: httpPort
              }
              periodSeconds: 15
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health'
                port: httpPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '200'
              }
            }
          }
        ]
      }
    }
  }
}

output name string = app.name
output principalId string = app.identity.principalId
output fqdn string = app.properties.configuration.ingress.fqdn
output environmentName string = environment.name
