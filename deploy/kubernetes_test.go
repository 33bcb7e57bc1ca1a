package deploy

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// The Kubernetes manifests: decoded strictly and checked against each other and the command line.

const k8sDir = "kubernetes"

// The manifests and what each must be.
var manifests = map[string]struct{ apiVersion, kind string }{
	"configmap.yaml":      {"v1", "ConfigMap"},
	"secret.example.yaml": {"v1", "Secret"},
	"cronjob.yaml":        {"batch/v1", "CronJob"},
	"deployment.yaml":     {"apps/v1", "Deployment"},
	"service.yaml":        {"v1", "Service"},
	"worker.yaml":         {"apps/v1", "Deployment"},
	"worker-hpa.yaml":     {"autoscaling/v2", "HorizontalPodAutoscaler"},
}

// The Kubernetes API, as far as these manifests use it. They are decoded
// with unknown fields refused, so that a misspelt field fails here instead
// of being dropped by the API server: add a field here when a manifest
// needs one the types below lack.

type objectMeta struct {
	Name        string            `yaml:"name"`
	Namespace   string            `yaml:"namespace"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

type typeMeta struct {
	APIVersion string     `yaml:"apiVersion"`
	Kind       string     `yaml:"kind"`
	Metadata   objectMeta `yaml:"metadata"`
}

// intOrString is a port: a number or the name of a container port.
type intOrString struct {
	num int
	str string
}

func (p *intOrString) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: want a number or a name", n.Line)
	}
	if n.Tag == "!!int" {
		return n.Decode(&p.num)
	}
	p.str = n.Value
	return nil
}

type configMapObj struct {
	typeMeta   `yaml:",inline"`
	Data       map[string]string `yaml:"data"`
	BinaryData map[string]string `yaml:"binaryData"`
}

type secretObj struct {
	typeMeta   `yaml:",inline"`
	Type       string            `yaml:"type"`
	StringData map[string]string `yaml:"stringData"`
	Data       map[string]string `yaml:"data"`
}

type serviceObj struct {
	typeMeta `yaml:",inline"`
	Spec     struct {
		Type     string            `yaml:"type"`
		Selector map[string]string `yaml:"selector"`
		Ports    []struct {
			Name       string      `yaml:"name"`
			Port       int         `yaml:"port"`
			TargetPort intOrString `yaml:"targetPort"`
			Protocol   string      `yaml:"protocol"`
		} `yaml:"ports"`
	} `yaml:"spec"`
}

type keyToPath struct {
	Key  string `yaml:"key"`
	Path string `yaml:"path"`
	Mode *int   `yaml:"mode"`
}

type volume struct {
	Name      string `yaml:"name"`
	ConfigMap *struct {
		Name        string      `yaml:"name"`
		Items       []keyToPath `yaml:"items"`
		DefaultMode *int        `yaml:"defaultMode"`
		Optional    *bool       `yaml:"optional"`
	} `yaml:"configMap"`
	Secret *struct {
		SecretName  string      `yaml:"secretName"`
		Items       []keyToPath `yaml:"items"`
		DefaultMode *int        `yaml:"defaultMode"`
		Optional    *bool       `yaml:"optional"`
	} `yaml:"secret"`
	EmptyDir *struct {
		Medium    string `yaml:"medium"`
		SizeLimit string `yaml:"sizeLimit"`
	} `yaml:"emptyDir"`
	PersistentVolumeClaim *struct {
		ClaimName string `yaml:"claimName"`
		ReadOnly  bool   `yaml:"readOnly"`
	} `yaml:"persistentVolumeClaim"`
	NFS *struct {
		Server   string `yaml:"server"`
		Path     string `yaml:"path"`
		ReadOnly bool   `yaml:"readOnly"`
	} `yaml:"nfs"`
	HostPath *struct {
		Path string `yaml:"path"`
		Type string `yaml:"type"`
	} `yaml:"hostPath"`
}

type probe struct {
	HTTPGet *struct {
		Path   string      `yaml:"path"`
		Port   intOrString `yaml:"port"`
		Scheme string      `yaml:"scheme"`
	} `yaml:"httpGet"`
	InitialDelaySeconds int `yaml:"initialDelaySeconds"`
	PeriodSeconds       int `yaml:"periodSeconds"`
	TimeoutSeconds      int `yaml:"timeoutSeconds"`
	SuccessThreshold    int `yaml:"successThreshold"`
	FailureThreshold    int `yaml:"failureThreshold"`
}

type seccompProfile struct {
	Type             string `yaml:"type"`
	LocalhostProfile string `yaml:"localhostProfile"`
}

type envVar struct {
	Name      string `yaml:"name"`
	Value     string `yaml:"value"`
	ValueFrom *struct {
		SecretKeyRef *struct {
			Name     string `yaml:"name"`
			Key      string `yaml:"key"`
			Optional *bool  `yaml:"optional"`
		} `yaml:"secretKeyRef"`
		ConfigMapKeyRef *struct {
			Name     string `yaml:"name"`
			Key      string `yaml:"key"`
			Optional *bool  `yaml:"optional"`
		} `yaml:"configMapKeyRef"`
		FieldRef *struct {
			FieldPath string `yaml:"fieldPath"`
		} `yaml:"fieldRef"`
		ResourceFieldRef *struct {
			Resource string `yaml:"resource"`
			Divisor  string `yaml:"divisor"`
		} `yaml:"resourceFieldRef"`
	} `yaml:"valueFrom"`
}

type container struct {
	Name            string   `yaml:"name"`
	Image           string   `yaml:"image"`
	ImagePullPolicy string   `yaml:"imagePullPolicy"`
	Command         []string `yaml:"command"`
	Args            []string `yaml:"args"`
	Env             []envVar `yaml:"env"`
	EnvFrom         []struct {
		Prefix    string `yaml:"prefix"`
		SecretRef *struct {
			Name string `yaml:"name"`
		} `yaml:"secretRef"`
		ConfigMapRef *struct {
			Name string `yaml:"name"`
		} `yaml:"configMapRef"`
	} `yaml:"envFrom"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
		Protocol      string `yaml:"protocol"`
	} `yaml:"ports"`
	Resources struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext *struct {
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
		RunAsNonRoot             *bool `yaml:"runAsNonRoot"`
		RunAsUser                *int  `yaml:"runAsUser"`
		RunAsGroup               *int  `yaml:"runAsGroup"`
		Privileged               *bool `yaml:"privileged"`
		Capabilities             *struct {
			Add  []string `yaml:"add"`
			Drop []string `yaml:"drop"`
		} `yaml:"capabilities"`
		SeccompProfile *seccompProfile `yaml:"seccompProfile"`
	} `yaml:"securityContext"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		SubPath   string `yaml:"subPath"`
		ReadOnly  bool   `yaml:"readOnly"`
	} `yaml:"volumeMounts"`
	ReadinessProbe *probe `yaml:"readinessProbe"`
	LivenessProbe  *probe `yaml:"livenessProbe"`
	StartupProbe   *probe `yaml:"startupProbe"`
}

type podSpec struct {
	RestartPolicy                 string            `yaml:"restartPolicy"`
	TerminationGracePeriodSeconds *int              `yaml:"terminationGracePeriodSeconds"`
	AutomountServiceAccountToken  *bool             `yaml:"automountServiceAccountToken"`
	ServiceAccountName            string            `yaml:"serviceAccountName"`
	NodeSelector                  map[string]string `yaml:"nodeSelector"`
	Tolerations                   []map[string]any  `yaml:"tolerations"`
	Affinity                      map[string]any    `yaml:"affinity"`
	ImagePullSecrets              []struct {
		Name string `yaml:"name"`
	} `yaml:"imagePullSecrets"`
	SecurityContext *struct {
		RunAsNonRoot   *bool           `yaml:"runAsNonRoot"`
		RunAsUser      *int            `yaml:"runAsUser"`
		RunAsGroup     *int            `yaml:"runAsGroup"`
		FSGroup        *int            `yaml:"fsGroup"`
		SeccompProfile *seccompProfile `yaml:"seccompProfile"`
	} `yaml:"securityContext"`
	Containers []container `yaml:"containers"`
	Volumes    []volume    `yaml:"volumes"`
}

type podTemplate struct {
	Metadata objectMeta `yaml:"metadata"`
	Spec     podSpec    `yaml:"spec"`
}

type cronJobObj struct {
	typeMeta `yaml:",inline"`
	Spec     struct {
		Schedule                   string  `yaml:"schedule"`
		TimeZone                   *string `yaml:"timeZone"`
		ConcurrencyPolicy          string  `yaml:"concurrencyPolicy"`
		StartingDeadlineSeconds    *int    `yaml:"startingDeadlineSeconds"`
		SuccessfulJobsHistoryLimit *int    `yaml:"successfulJobsHistoryLimit"`
		FailedJobsHistoryLimit     *int    `yaml:"failedJobsHistoryLimit"`
		Suspend                    *bool   `yaml:"suspend"`
		JobTemplate                struct {
			Metadata objectMeta `yaml:"metadata"`
			Spec     struct {
				BackoffLimit            *int `yaml:"backoffLimit"`
				ActiveDeadlineSeconds   *int `yaml:"activeDeadlineSeconds"`
				TTLSecondsAfterFinished *int `yaml:"ttlSecondsAfterFinished"`
				PodFailurePolicy        *struct {
					Rules []struct {
						Action      string `yaml:"action"`
						OnExitCodes *struct {
							ContainerName string `yaml:"containerName"`
							Operator      string `yaml:"operator"`
							Values        []int  `yaml:"values"`
						} `yaml:"onExitCodes"`
						OnPodConditions []struct {
							Type   string `yaml:"type"`
							Status string `yaml:"status"`
						} `yaml:"onPodConditions"`
					} `yaml:"rules"`
				} `yaml:"podFailurePolicy"`
				Template podTemplate `yaml:"template"`
			} `yaml:"spec"`
		} `yaml:"jobTemplate"`
	} `yaml:"spec"`
}

type deploymentObj struct {
	typeMeta `yaml:",inline"`
	Spec     struct {
		Replicas             *int `yaml:"replicas"`
		RevisionHistoryLimit *int `yaml:"revisionHistoryLimit"`
		Strategy             struct {
			Type string `yaml:"type"`
		} `yaml:"strategy"`
		Selector struct {
			MatchLabels map[string]string `yaml:"matchLabels"`
		} `yaml:"selector"`
		Template podTemplate `yaml:"template"`
	} `yaml:"spec"`
}

type hpaObj struct {
	typeMeta `yaml:",inline"`
	Spec     struct {
		ScaleTargetRef struct {
			APIVersion string `yaml:"apiVersion"`
			Kind       string `yaml:"kind"`
			Name       string `yaml:"name"`
		} `yaml:"scaleTargetRef"`
		MinReplicas *int `yaml:"minReplicas"`
		MaxReplicas int  `yaml:"maxReplicas"`
		Metrics     []struct {
			Type     string `yaml:"type"`
			External *struct {
				Metric struct {
					Name     string `yaml:"name"`
					Selector struct {
						MatchLabels map[string]string `yaml:"matchLabels"`
					} `yaml:"selector"`
				} `yaml:"metric"`
				Target struct {
					Type         string `yaml:"type"`
					AverageValue string `yaml:"averageValue"`
					Value        string `yaml:"value"`
				} `yaml:"target"`
			} `yaml:"external"`
		} `yaml:"metrics"`
		Behavior map[string]any `yaml:"behavior"`
	} `yaml:"spec"`
}

// decodeManifest decodes the one document of a manifest into v, refusing
// unknown fields, after checking its apiVersion and kind.
func decodeManifest(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(k8sDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var docs []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, &n)
	}
	if len(docs) != 1 {
		t.Fatalf("%s: %d YAML documents, want 1", name, len(docs))
	}
	var tm typeMeta
	if err := docs[0].Decode(&tm); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want := manifests[name]
	if tm.APIVersion != want.apiVersion || tm.Kind != want.kind {
		t.Fatalf("%s: %s %s, want %s %s", name, tm.APIVersion, tm.Kind, want.apiVersion, want.kind)
	}
	if tm.Metadata.Name == "" {
		t.Errorf("%s: no metadata.name", name)
	}
	strict := yaml.NewDecoder(bytes.NewReader(b))
	strict.KnownFields(true)
	if err := strict.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// cluster is every manifest, decoded.
type cluster struct {
	configMap  configMapObj
	secret     secretObj
	cronJob    cronJobObj
	deployment deploymentObj
	service    serviceObj
	worker     deploymentObj
	hpa        hpaObj
}

func loadCluster(t *testing.T) *cluster {
	t.Helper()
	entries, err := os.ReadDir(k8sDir)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	for name := range manifests {
		want = append(want, name)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("%s holds %q, want %q: a new manifest needs its checks here", k8sDir, got, want)
	}
	c := &cluster{}
	decodeManifest(t, "configmap.yaml", &c.configMap)
	decodeManifest(t, "secret.example.yaml", &c.secret)
	decodeManifest(t, "cronjob.yaml", &c.cronJob)
	decodeManifest(t, "deployment.yaml", &c.deployment)
	decodeManifest(t, "service.yaml", &c.service)
	decodeManifest(t, "worker.yaml", &c.worker)
	decodeManifest(t, "worker-hpa.yaml", &c.hpa)
	return c
}

// workload is a pod that runs pmscan, with where it comes from.
type workload struct {
	name string // the manifest
	pod  *podTemplate
	c    *container
	inv  *invocation
}

// mountedFile is what a path in a container is: the volume it is in, and
// the path in the volume (for a ConfigMap or Secret, the key).
func (w *workload) mountedFile(file string) (*volume, string, bool) {
	best, rel := -1, ""
	for i, m := range w.c.VolumeMounts {
		var r string
		switch {
		case file == m.MountPath:
		case strings.HasPrefix(file, strings.TrimSuffix(m.MountPath, "/")+"/"):
			r = strings.TrimPrefix(file, strings.TrimSuffix(m.MountPath, "/")+"/")
		default:
			continue
		}
		if best < 0 || len(m.MountPath) > len(w.c.VolumeMounts[best].MountPath) {
			best, rel = i, path.Join(m.SubPath, r)
		}
	}
	if best < 0 {
		return nil, "", false
	}
	m := w.c.VolumeMounts[best]
	for i := range w.pod.Spec.Volumes {
		v := &w.pod.Spec.Volumes[i]
		if v.Name != m.Name {
			continue
		}
		var items []keyToPath
		switch {
		case v.ConfigMap != nil:
			items = v.ConfigMap.Items
		case v.Secret != nil:
			items = v.Secret.Items
		}
		if items == nil {
			return v, rel, true
		}
		for _, it := range items {
			if it.Path == rel {
				return v, it.Key, true
			}
		}
		return v, "", true // in the volume, but no item is there
	}
	return nil, "", false
}

func (w *workload) envNames(secret *secretObj) map[string]bool {
	names := map[string]bool{}
	for _, e := range w.c.Env {
		names[e.Name] = true
	}
	for _, ef := range w.c.EnvFrom {
		if ef.SecretRef != nil && ef.SecretRef.Name == secret.Metadata.Name {
			for k := range secret.StringData {
				names[ef.Prefix+k] = true
			}
		}
	}
	return names
}

func (c *cluster) workloads(t *testing.T) []*workload {
	t.Helper()
	ws := []*workload{
		{name: "cronjob.yaml", pod: &c.cronJob.Spec.JobTemplate.Spec.Template},
		{name: "deployment.yaml", pod: &c.deployment.Spec.Template},
	}
	for _, w := range ws {
		if len(w.pod.Spec.Containers) != 1 {
			t.Fatalf("%s: %d containers, want 1", w.name, len(w.pod.Spec.Containers))
		}
		w.c = &w.pod.Spec.Containers[0]
		if len(w.c.Command) > 0 {
			t.Errorf("%s: command %q: the image's entrypoint is pmscan; give args only", w.name, w.c.Command)
		}
		inv, err := parseInvocation(w.c.Args)
		if err != nil {
			t.Fatalf("%s: args %q: %v", w.name, w.c.Args, err)
		}
		w.inv = inv
	}
	return ws
}

func TestKubernetesManifests(t *testing.T) {
	c := loadCluster(t)
	ws := c.workloads(t)
	if ws[0].inv.command != "run" || ws[1].inv.command != "serve" {
		t.Errorf("the CronJob runs pmscan %s and the Deployment pmscan %s; want run and serve", ws[0].inv.command, ws[1].inv.command)
	}
	cfgKeys := c.configMap.Data
	secretName := c.secret.Metadata.Name

	for _, w := range ws {
		// Every volume is mounted, every mount names a volume.
		volumes := map[string]bool{}
		for _, v := range w.pod.Spec.Volumes {
			volumes[v.Name] = false
		}
		for _, m := range w.c.VolumeMounts {
			if _, ok := volumes[m.Name]; !ok {
				t.Errorf("%s: volumeMount %s names no volume", w.name, m.Name)
			}
			volumes[m.Name] = true
		}
		for v, used := range volumes {
			if !used {
				t.Errorf("%s: volume %s is not mounted", w.name, v)
			}
		}

		// Every Secret and ConfigMap reference names a key there is.
		used := map[string]bool{}
		for _, e := range w.c.Env {
			if e.ValueFrom == nil {
				continue
			}
			if r := e.ValueFrom.SecretKeyRef; r != nil {
				if _, ok := c.secret.StringData[r.Key]; r.Name != secretName || !ok {
					t.Errorf("%s: env %s from Secret %s key %s, which secret.example.yaml does not have", w.name, e.Name, r.Name, r.Key)
				}
				used[r.Key] = true
			}
			if r := e.ValueFrom.ConfigMapKeyRef; r != nil {
				if _, ok := cfgKeys[r.Key]; r.Name != c.configMap.Metadata.Name || !ok {
					t.Errorf("%s: env %s from ConfigMap %s key %s, which configmap.yaml does not have", w.name, e.Name, r.Name, r.Key)
				}
			}
		}
		for _, ef := range w.c.EnvFrom {
			if ef.SecretRef != nil {
				if ef.SecretRef.Name != secretName {
					t.Errorf("%s: envFrom Secret %s, not %s", w.name, ef.SecretRef.Name, secretName)
				}
				for k := range c.secret.StringData {
					used[k] = true
				}
			}
		}
		for _, v := range w.pod.Spec.Volumes {
			if s := v.Secret; s != nil {
				if s.SecretName != secretName {
					t.Errorf("%s: volume %s is Secret %s, not %s", w.name, v.Name, s.SecretName, secretName)
				}
				for _, it := range s.Items {
					if _, ok := c.secret.StringData[it.Key]; !ok {
						t.Errorf("%s: volume %s: key %s is not in secret.example.yaml", w.name, v.Name, it.Key)
					}
					used[it.Key] = true
				}
				// 0440 with fsGroup: pmscan's group reads it, nobody else.
				if s.DefaultMode == nil || *s.DefaultMode&0o007 != 0 {
					t.Errorf("%s: volume %s: defaultMode must leave others no access", w.name, v.Name)
				}
			}
			if cm := v.ConfigMap; cm != nil {
				if cm.Name != c.configMap.Metadata.Name {
					t.Errorf("%s: volume %s is ConfigMap %s, not %s", w.name, v.Name, cm.Name, c.configMap.Metadata.Name)
				}
				for _, it := range cm.Items {
					if _, ok := cfgKeys[it.Key]; !ok {
						t.Errorf("%s: volume %s: key %s is not in configmap.yaml", w.name, v.Name, it.Key)
					}
				}
			}
		}
		for k := range c.secret.StringData {
			if !used[k] {
				t.Errorf("%s: does not use the Secret's %s", w.name, k)
			}
		}

		// The config is the ConfigMap's, and what it names is there.
		v, key, ok := w.mountedFile(w.inv.flags["config"])
		if !ok || v.ConfigMap == nil || cfgKeys[key] == "" {
			t.Fatalf("%s: -config %s is not a key of the ConfigMap mounted there", w.name, w.inv.flags["config"])
		}
		cfg := parseConfig(t, cfgKeys[key])
		env := w.envNames(&c.secret)
		for _, tg := range cfg.Targets {
			if tg.PasswordFile != "" {
				v, key, ok := w.mountedFile(tg.PasswordFile)
				if _, inSecret := c.secret.StringData[key]; !ok || v.Secret == nil || !inSecret {
					t.Errorf("%s: target %s: password_file %s is not a mounted key of the Secret", w.name, tg.Name, tg.PasswordFile)
				}
			}
			if isFileTarget(tg.URL) {
				dir := strings.TrimPrefix(tg.URL, "file://")
				if v, _, ok := w.mountedFile(dir); !ok || v.Secret != nil || v.ConfigMap != nil || v.EmptyDir != nil {
					t.Errorf("%s: target %s: %s is not on a mounted volume of data", w.name, tg.Name, dir)
				}
			}
		}
		for _, f := range []string{cfg.Policy, cfg.LookupKey} {
			if f != "" {
				if _, key, ok := w.mountedFile(f); !ok || key == "" {
					t.Errorf("%s: %s, named in the config, is not mounted", w.name, f)
				}
			}
		}
		if cfg.Notify != nil && cfg.Notify.SecretEnv != "" && !env[cfg.Notify.SecretEnv] {
			t.Errorf("%s: notify.secret_env %s is not in the container's environment", w.name, cfg.Notify.SecretEnv)
		}
		if isPostgres(cfg.State) && !env["PGPASSWORD"] {
			t.Errorf("%s: the state store is PostgreSQL but PGPASSWORD is not set", w.name)
		}
		if cfg.LookupKey == "" && !env["PMSCAN_LOOKUP_KEY"] {
			t.Errorf("%s: no lookup_key and no PMSCAN_LOOKUP_KEY: the key made on first use would be lost with the pod", w.name)
		}
		for _, name := range w.inv.args {
			if !cfg.hasTarget(name) {
				t.Errorf("%s: pmscan run %s: the config has no such target", w.name, name)
			}
		}

		checkHardened(t, w)
	}

	checkCronJob(t, c, ws[0])
	checkServe(t, c, ws[1])

	// The example Secret holds placeholders only, in the clear so one can see.
	if len(c.secret.Data) > 0 {
		t.Errorf("secret.example.yaml: data: (base64) hides what is in it; use stringData")
	}
	for k, v := range c.secret.StringData {
		if !strings.HasPrefix(v, "REPLACE-ME") {
			t.Errorf("secret.example.yaml: %s = %q is not a REPLACE-ME placeholder", k, v)
		}
	}
}

func checkCronJob(t *testing.T, c *cluster, w *workload) {
	t.Helper()
	s := &c.cronJob.Spec
	if fields := strings.Fields(s.Schedule); len(fields) != 5 || strings.Contains(s.Schedule, "TZ") {
		t.Errorf("cronjob.yaml: schedule %q: want five cron fields, the zone in timeZone", s.Schedule)
	}
	if s.TimeZone == nil || *s.TimeZone != "Asia/Tokyo" {
		t.Errorf("cronjob.yaml: timeZone is not Asia/Tokyo")
	}
	if s.ConcurrencyPolicy != "Forbid" {
		t.Errorf("cronjob.yaml: concurrencyPolicy %q, want Forbid", s.ConcurrencyPolicy)
	}
	if s.StartingDeadlineSeconds == nil || *s.StartingDeadlineSeconds <= 0 {
		t.Errorf("cronjob.yaml: no startingDeadlineSeconds")
	}
	js := &s.JobTemplate.Spec
	if js.BackoffLimit == nil {
		t.Errorf("cronjob.yaml: no backoffLimit")
	}
	rp := w.pod.Spec.RestartPolicy
	if rp != "Never" && rp != "OnFailure" || js.PodFailurePolicy != nil && rp != "Never" {
		t.Errorf("cronjob.yaml: restartPolicy %q: want Never (OnFailure without a podFailurePolicy)", rp)
	}
	if pfp := js.PodFailurePolicy; pfp != nil {
		for _, r := range pfp.Rules {
			if r.OnExitCodes == nil {
				continue
			}
			if r.OnExitCodes.ContainerName != "" && r.OnExitCodes.ContainerName != w.c.Name {
				t.Errorf("cronjob.yaml: podFailurePolicy names container %s, not %s", r.OnExitCodes.ContainerName, w.c.Name)
			}
			for _, code := range r.OnExitCodes.Values {
				if code == 0 || !slices.Contains(exitCodes, code) {
					t.Errorf("cronjob.yaml: podFailurePolicy: %d is not an exit code of a failed pmscan %v", code, exitCodes)
				}
			}
		}
	}
	// The same night as the systemd timer: 02:00 Japan time.
	if s.Schedule != "0 2 * * *" {
		t.Errorf("cronjob.yaml: schedule %q, want 0 2 * * * as pmscan-run.timer", s.Schedule)
	}
}

func checkServe(t *testing.T, c *cluster, w *workload) {
	t.Helper()
	d := &c.deployment.Spec
	if d.Replicas == nil || *d.Replicas != 1 || d.Strategy.Type != "Recreate" {
		t.Errorf("deployment.yaml: want replicas 1, strategy Recreate")
	}
	if len(d.Selector.MatchLabels) == 0 || !matches(d.Selector.MatchLabels, w.pod.Metadata.Labels) {
		t.Errorf("deployment.yaml: the selector %v does not select the template's labels %v", d.Selector.MatchLabels, w.pod.Metadata.Labels)
	}

	// In a pod, the kubelet and Prometheus come from outside: not loopback.
	host, portText, _ := net.SplitHostPort(w.inv.flags["listen"])
	if w.inv.flags["listen"] == "" || host != "" && host != "0.0.0.0" && host != "::" {
		t.Fatalf("deployment.yaml: -listen %q, want :PORT (pmscan's default is loopback, which probes cannot reach)", w.inv.flags["listen"])
	}
	port, _ := strconv.Atoi(portText)
	resolve := func(p intOrString) int {
		if p.str == "" {
			return p.num
		}
		for _, cp := range w.c.Ports {
			if cp.Name == p.str {
				return cp.ContainerPort
			}
		}
		return 0
	}
	for _, p := range []struct {
		name, path string
		probe      *probe
	}{{"readinessProbe", "/readyz", w.c.ReadinessProbe}, {"livenessProbe", "/healthz", w.c.LivenessProbe}} {
		if p.probe == nil || p.probe.HTTPGet == nil {
			t.Errorf("deployment.yaml: no %s httpGet", p.name)
			continue
		}
		if got := resolve(p.probe.HTTPGet.Port); p.probe.HTTPGet.Path != p.path || got != port {
			t.Errorf("deployment.yaml: %s on %s port %d, want %s port %d (-listen)", p.name, p.probe.HTTPGet.Path, got, p.path, port)
		}
	}
	a := w.pod.Metadata.Annotations
	if a["prometheus.io/scrape"] != "true" || a["prometheus.io/port"] != portText ||
		a["prometheus.io/path"] != "" && a["prometheus.io/path"] != "/metrics" {
		t.Errorf("deployment.yaml: the pods' prometheus.io annotations %v, want scrape true on port %d", a, port)
	}

	svc := &c.service.Spec
	if svc.Type != "" && svc.Type != "ClusterIP" {
		t.Errorf("service.yaml: type %s, want ClusterIP", svc.Type)
	}
	if len(svc.Selector) == 0 || !matches(svc.Selector, w.pod.Metadata.Labels) {
		t.Errorf("service.yaml: the selector %v does not select the serve pods %v", svc.Selector, w.pod.Metadata.Labels)
	}
	if matches(svc.Selector, c.cronJob.Spec.JobTemplate.Spec.Template.Metadata.Labels) {
		t.Errorf("service.yaml: the selector %v selects the CronJob's pods too", svc.Selector)
	}
	if len(svc.Ports) != 1 || resolve(svc.Ports[0].TargetPort) != port {
		t.Errorf("service.yaml: ports %+v, want one whose targetPort is %d (-listen)", svc.Ports, port)
	}
}

// matches: every label of selector is in labels.
func matches(selector, labels map[string]string) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// bytesOf reads a memory size, Kubernetes' (1Gi) or GOMEMLIMIT's (900MiB).
func bytesOf(q string) (int64, error) {
	for _, s := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
		{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40},
		{"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"B", 1}, {"", 1}} {
		if n, ok := strings.CutSuffix(q, s.suffix); ok {
			v, err := strconv.ParseInt(n, 10, 64)
			if err != nil || v <= 0 {
				return 0, fmt.Errorf("cannot read %q as a size (a whole number and a unit like Gi)", q)
			}
			return v * s.mult, nil
		}
	}
	panic("unreachable")
}

// TestKubernetesConfig: the ConfigMap's config passes 'pmscan config check'.
func TestKubernetesConfig(t *testing.T) {
	c := loadCluster(t)
	text, ok := c.configMap.Data["config.yaml"]
	if !ok {
		t.Fatal("configmap.yaml has no config.yaml")
	}
	checkConfigCheck(t, "kubernetes/configmap.yaml config.yaml", text)
}

// A password written into a URL (scheme://user:password@host).
var passwordInURL = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]*://[^\s/@:]+:[^\s/@]*@`)

func TestPasswordInURL(t *testing.T) {
	for _, s := range []string{"postgres://pmscan:hunter2@db:5432/x", "mysql://u:@h/x", "https://a:b@c"} {
		if !passwordInURL.MatchString(s) {
			t.Errorf("passwordInURL misses %q", s)
		}
	}
	for _, s := range []string{"postgres://pmscan@db.example:5432/x", "https://hooks.example.internal:8443/a@b", "CRON_TZ=Asia/Tokyo 0 2 * * *"} {
		if passwordInURL.MatchString(s) {
			t.Errorf("passwordInURL matches %q", s)
		}
	}
	// Every deployment file but this test, whose examples are above.
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := passwordInURL.FindString(line); m != "" {
				t.Errorf("%s:%d: a password in a URL (%s): credentials go in the Secret or /etc/pmscan/env", p, i+1, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkHardened: the pod runs pmscan as no root, with nothing to escalate
// to and nothing written but /tmp, from the project's image, under a
// memory limit that Go's heap stays below, and lives long enough after
// SIGTERM to checkpoint.
func checkHardened(t *testing.T, w *workload) {
	t.Helper()
	// Not root, nothing to escalate to, nothing written but /tmp.
	ps, cs := w.pod.Spec.SecurityContext, w.c.SecurityContext
	if (ps == nil || ps.RunAsNonRoot == nil || !*ps.RunAsNonRoot) && (cs == nil || cs.RunAsNonRoot == nil || !*cs.RunAsNonRoot) {
		t.Errorf("%s: not runAsNonRoot", w.name)
	}
	if cs == nil || cs.ReadOnlyRootFilesystem == nil || !*cs.ReadOnlyRootFilesystem ||
		cs.AllowPrivilegeEscalation == nil || *cs.AllowPrivilegeEscalation ||
		cs.Capabilities == nil || !slices.Contains(cs.Capabilities.Drop, "ALL") || len(cs.Capabilities.Add) > 0 {
		t.Errorf("%s: the container must have readOnlyRootFilesystem, no allowPrivilegeEscalation, capabilities drop ALL", w.name)
	}
	if v, _, ok := w.mountedFile("/tmp"); !ok || v.EmptyDir == nil {
		t.Errorf("%s: /tmp is not an emptyDir: with a read-only root, pmscan has nowhere for temporary files", w.name)
	}
	if g := w.pod.Spec.TerminationGracePeriodSeconds; g == nil || *g < 60 {
		t.Errorf("%s: terminationGracePeriodSeconds under 60: pmscan may be killed before its checkpoint", w.name)
	}
	if !strings.HasPrefix(w.c.Image, image+":") && !strings.HasPrefix(w.c.Image, image+"@sha256:") {
		t.Errorf("%s: image %s, want %s", w.name, w.c.Image, image)
	}

	// A memory limit, and Go's heap kept under it.
	limit, err := bytesOf(w.c.Resources.Limits["memory"])
	if err != nil {
		t.Errorf("%s: memory limit: %v", w.name, err)
	}
	if w.c.Resources.Requests["memory"] == "" || w.c.Resources.Requests["cpu"] == "" {
		t.Errorf("%s: no cpu and memory requests", w.name)
	}
	for _, e := range w.c.Env {
		if e.Name == "GOMEMLIMIT" {
			if n, err := bytesOf(e.Value); err != nil || n >= limit {
				t.Errorf("%s: GOMEMLIMIT %s (%v) is not under the memory limit %s", w.name, e.Value, err, w.c.Resources.Limits["memory"])
			}
		}
	}
}

// TestKubernetesWorker: the workers of distributed scans run pmscan worker
// on the config's state store, with the state store's password and the
// lookup key from the Secret (every worker must hash with the scan's key),
// hardened as the other pods, alive on /healthz, scraped on -listen, given
// longer than -stop-grace after SIGTERM; the HPA scales them on the
// queue's waiting units; and the config has a distributed target for them.
func TestKubernetesWorker(t *testing.T) {
	c := loadCluster(t)
	pod := &c.worker.Spec.Template
	if len(pod.Spec.Containers) != 1 {
		t.Fatalf("worker.yaml: %d containers, want 1", len(pod.Spec.Containers))
	}
	w := &workload{name: "worker.yaml", pod: pod, c: &pod.Spec.Containers[0]}
	inv, err := parseInvocation(w.c.Args)
	if err != nil {
		t.Fatalf("worker.yaml: args %q: %v", w.c.Args, err)
	}
	if inv.command != "worker" {
		t.Fatalf("worker.yaml runs pmscan %s, want worker", inv.command)
	}
	w.inv = inv
	checkHardened(t, w)
	cfg := parseConfig(t, c.configMap.Data["config.yaml"])
	if inv.flags["state"] != cfg.State {
		t.Errorf("worker.yaml: -state %s, but the config's state is %s: the workers would not see the queue", inv.flags["state"], cfg.State)
	}
	distributed := false
	for _, tg := range cfg.Targets {
		distributed = distributed || tg.Distributed
	}
	if !distributed {
		t.Error("configmap.yaml: no target is distributed: the workers have nothing to do")
	}
	env := w.envNames(&c.secret)
	for _, name := range []string{"PGPASSWORD", "PMSCAN_LOOKUP_KEY"} {
		if !env[name] {
			t.Errorf("worker.yaml: %s is not in the environment", name)
		}
	}
	for _, e := range w.c.Env {
		if r := e.ValueFrom; r != nil && r.SecretKeyRef != nil {
			if _, ok := c.secret.StringData[r.SecretKeyRef.Key]; r.SecretKeyRef.Name != c.secret.Metadata.Name || !ok {
				t.Errorf("worker.yaml: env %s from Secret %s key %s, which secret.example.yaml does not have", e.Name, r.SecretKeyRef.Name, r.SecretKeyRef.Key)
			}
		}
	}
	grace, _ := time.ParseDuration(inv.flags["stop-grace"])
	if g := pod.Spec.TerminationGracePeriodSeconds; g == nil || time.Duration(*g)*time.Second <= grace {
		t.Errorf("worker.yaml: terminationGracePeriodSeconds must be longer than -stop-grace %v", grace)
	}
	_, port, _ := net.SplitHostPort(inv.flags["listen"])
	if p := w.c.LivenessProbe; p == nil || p.HTTPGet == nil || p.HTTPGet.Path != "/healthz" {
		t.Error("worker.yaml: no livenessProbe on /healthz")
	}
	if pod.Metadata.Annotations["prometheus.io/port"] != port {
		t.Errorf("worker.yaml: prometheus.io/port %q, want -listen's %q", pod.Metadata.Annotations["prometheus.io/port"], port)
	}
	if d := &c.worker.Spec; !matches(d.Selector.MatchLabels, pod.Metadata.Labels) || matches(d.Selector.MatchLabels, c.deployment.Spec.Template.Metadata.Labels) {
		t.Errorf("worker.yaml: the selector %v must select the worker pods and not the serve pods", d.Selector.MatchLabels)
	}
	if matches(c.service.Spec.Selector, pod.Metadata.Labels) {
		t.Errorf("service.yaml: the selector %v selects the worker pods too", c.service.Spec.Selector)
	}

	h := &c.hpa.Spec
	if h.ScaleTargetRef.Kind != "Deployment" || h.ScaleTargetRef.Name != c.worker.Metadata.Name {
		t.Errorf("worker-hpa.yaml scales %s %s, want Deployment %s", h.ScaleTargetRef.Kind, h.ScaleTargetRef.Name, c.worker.Metadata.Name)
	}
	if h.MinReplicas == nil || *h.MinReplicas < 1 || h.MaxReplicas < *h.MinReplicas {
		t.Errorf("worker-hpa.yaml: replicas from %v to %d", h.MinReplicas, h.MaxReplicas)
	}
	if len(h.Metrics) != 1 || h.Metrics[0].External == nil || h.Metrics[0].External.Metric.Name != "pmscan_queue_units" ||
		h.Metrics[0].External.Metric.Selector.MatchLabels["state"] != "waiting" || h.Metrics[0].External.Target.AverageValue == "" {
		t.Errorf("worker-hpa.yaml: want one external metric, pmscan_queue_units{state=\"waiting\"}, averaged over the workers")
	}
}
