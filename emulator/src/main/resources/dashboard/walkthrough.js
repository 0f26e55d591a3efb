// The seed document, "Create and attach an Azure Kubernetes Service cluster", as steps a trainer runs
// one by one. Each step makes the ARM calls of the document's example through the same API as any client.
const WS = (s) => `/subscriptions/${s}/resourceGroups/myresourcegroup/providers/Microsoft.MachineLearningServices/workspaces/myworkspace`;
const CLUSTER = (s) => `/subscriptions/${s}/resourceGroups/myresourcegroup/providers/Microsoft.ContainerService/managedClusters/myexistingcluster`;

async function subscriptionOf(ctx) {
  return (await ctx.control('GET', '/_emulator/identity')).subscriptionId;
}

async function compute(ctx, name, body) {
  const s = await subscriptionOf(ctx);
  await ctx.arm('PUT', `${WS(s)}/computes/${name}?api-version=${ctx.API.ml}`, body(s));
}

const aks = (s, props, resourceId) => {
  const b = { location: 'westus', properties: { computeType: 'AKS', properties: props } };
  if (resourceId) b.properties.resourceId = resourceId;
  return b;
};

export const STEPS = [
  {
    title: 'The starting point',
    text: 'Load the world the document assumes: workspace myworkspace and the AKS cluster myexistingcluster in myresourcegroup (West US), on the Kubernetes catalog of 2020-10-02. The clock runs 15 minutes so both are ready.',
    commands: ['az group create -n myresourcegroup -l westus\naz ml workspace create -w myworkspace -g myresourcegroup\naz aks create -g myresourcegroup -n myexistingcluster --node-count 3',
      'ws = Workspace.create(name="myworkspace", subscription_id=sub, resource_group="myresourcegroup", location="westus")'],
    done: 'myworkspace and myexistingcluster are ready',
    view: 'tab-clusters',
    run: async (ctx) => {
      await ctx.control('POST', '/_emulator/scenarios/seed-walkthrough');
      await ctx.advance(900);
      ctx.state.subscription = null;
      ctx.state.workspace = null;
    },
  },
  {
    title: 'Kubernetes versions',
    text: 'Which versions can a new cluster have? The catalog AKS offered that day, as az aks get-versions prints it.',
    commands: ['az aks get-versions -l westus -o table', 'client.managed_clusters.list_kubernetes_versions("westus")'],
    done: 'the catalog in force is on the Kubernetes versions tab',
    view: 'tab-versions',
    run: async (ctx) => {
      const s = await subscriptionOf(ctx);
      await ctx.arm('GET', `/subscriptions/${s}/providers/Microsoft.ContainerService/locations/westus/kubernetesVersions?api-version=${ctx.API.aks}`);
    },
  },
  {
    title: 'Create a new AKS cluster',
    text: 'Azure ML creates the cluster itself: 3 × Standard_D3_v2 for production (at least 12 vCPUs). It takes about 10 minutes; the clock runs them.',
    commands: ['az ml computetarget create aks --name myaks -g myresourcegroup -w myworkspace',
      'prov_config = AksCompute.provisioning_configuration()\naks_target = ComputeTarget.create(workspace=ws, name="myaks", provisioning_configuration=prov_config)\naks_target.wait_for_completion(show_output=True)'],
    done: 'myaks is Succeeded',
    view: 'tab-computes',
    run: async (ctx) => {
      await compute(ctx, 'myaks', (s) => aks(s, { agentCount: 3, agentVmSize: 'Standard_D3_v2', clusterPurpose: 'FastProd' }));
      await ctx.advance(900);
    },
  },
  {
    title: 'Attach an existing cluster',
    text: 'Attach myexistingcluster to the workspace as myattached, naming its resource group and cluster.',
    commands: ['az ml computetarget attach aks --name myattached --compute-resource-id $(az aks show -g myresourcegroup -n myexistingcluster --query id -o tsv) -g myresourcegroup -w myworkspace',
      'attach_config = AksCompute.attach_configuration(resource_group="myresourcegroup", cluster_name="myexistingcluster")\naks_target = ComputeTarget.attach(ws, "myattached", attach_config)\naks_target.wait_for_completion(True)'],
    done: 'myattached is Succeeded',
    view: 'tab-computes',
    run: async (ctx) => {
      await compute(ctx, 'myattached', (s) => aks(s, { clusterPurpose: 'FastProd' }, CLUSTER(s)));
      await ctx.advance(600);
    },
  },
  {
    title: 'Attach it again',
    text: 'Attaching the same cluster a second time breaks the earlier attachment: only the newest holds, and myattached turns Failed.',
    commands: ['az ml computetarget attach aks --name myreattached --compute-resource-id <the same id> -g myresourcegroup -w myworkspace',
      'aks_target = ComputeTarget.attach(ws, "myreattached", attach_config)'],
    done: 'myreattached holds the cluster; myattached is Failed',
    view: 'tab-computes',
    run: async (ctx) => {
      await compute(ctx, 'myreattached', (s) => aks(s, { clusterPurpose: 'FastProd' }, CLUSTER(s)));
      await ctx.advance(600);
    },
  },
  {
    title: 'Detach',
    text: 'Detaching removes the compute from the workspace and leaves the AKS cluster running.',
    commands: ['az ml computetarget detach --name myreattached -g myresourcegroup -w myworkspace', 'aks_target.detach()'],
    done: 'myreattached is gone; myexistingcluster still runs',
    view: 'tab-computes',
    run: async (ctx) => {
      const s = await subscriptionOf(ctx);
      await ctx.arm('DELETE', `${WS(s)}/computes/myreattached?api-version=${ctx.API.ml}&underlyingResourceAction=Detach`);
      await ctx.advance(60);
    },
  },
  {
    title: 'Delete',
    text: 'Deleting the cluster Azure ML created removes the AKS cluster itself and gives back its vCPU quota.',
    commands: ['az ml computetarget delete --name myaks -g myresourcegroup -w myworkspace', 'aks_target.delete()'],
    done: 'myaks and its cluster are deleted',
    view: 'tab-quota',
    run: async (ctx) => {
      const s = await subscriptionOf(ctx);
      await ctx.arm('DELETE', `${WS(s)}/computes/myaks?api-version=${ctx.API.ml}&underlyingResourceAction=Delete`);
      await ctx.advance(900);
    },
  },
];
