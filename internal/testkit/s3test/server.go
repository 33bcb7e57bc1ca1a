package s3test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"golang.org/x/sync/errgroup"
)

const (
	region       = "us-east-1"
	startTimeout = 10 * time.Second
	startTries   = 5 // a free port can be taken before versitygw binds it
)

// Server is a running versitygw with the posix backend and its internal IAM.
type Server struct {
	Endpoint  string // http://127.0.0.1:PORT, path-style
	Region    string
	AccessKey string // root
	SecretKey string // root
	// Dir is the posix root: each subdirectory is a bucket, each file below
	// it an object.
	Dir string
	// AdminEndpoint serves versitygw's admin API (create-user and so on).
	// Without --admin-port versitygw serves it on the S3 port, which saves
	// a second port to race for.
	AdminEndpoint string

	root *s3.Client
	pid  int
}

// Start runs a fresh versitygw on a free loopback port over tb.TempDir(),
// waits until it answers, and stops it when the test ends. Its output goes
// to a file that is logged only if the test failed.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin := Binary(tb)
	tmp := tb.TempDir()
	s := &Server{
		Region:    region,
		AccessKey: "pmscan-root",
		SecretKey: rand.Text(),
		Dir:       filepath.Join(tmp, "data"),
	}
	meta, iam := filepath.Join(tmp, "meta"), filepath.Join(tmp, "iam")
	for _, d := range []string{s.Dir, meta, iam} {
		if err := os.Mkdir(d, 0o755); err != nil {
			tb.Fatalf("start versitygw: %v", err)
		}
	}
	logPath := filepath.Join(tmp, "versitygw.log")
	// The sidecar keeps object metadata in files, so no user xattrs are
	// needed on the test's file system (older tmpfs and some container
	// file systems lack them). Keep-alive is off by default in versitygw; real
	// S3 keeps connections open, so the tests should see that too.
	args := []string{"--quiet", "--keep-alive", "--iam-dir", iam, "posix", "--sidecar", meta, s.Dir}

	var addr string
	var err error
	for range startTries {
		if addr, err = freeAddr(); err != nil {
			break
		}
		if s.pid, err = run(tb, bin, addr, args, s.Root(), logPath); !errors.Is(err, errAddrInUse) {
			break
		}
	}
	if err != nil {
		tb.Fatalf("start versitygw: %v", err)
	}
	s.Endpoint = "http://" + addr
	s.AdminEndpoint = s.Endpoint
	s.root = s.Client(tb)
	return s
}

var errAddrInUse = errors.New("address already in use")

// run starts versitygw on addr with root credentials and waits until it
// answers. It returns errAddrInUse when the port was taken in the
// meantime.
func run(tb testing.TB, bin, addr string, args []string, root Credentials, logPath string) (pid int, err error) {
	// Truncated per attempt, so an earlier attempt's bind error cannot be
	// mistaken for this one's.
	logFile, err := os.Create(logPath)
	if err != nil {
		return 0, fmt.Errorf("create the versitygw log: %w", err)
	}
	defer logFile.Close() // the child has its own copy
	cmd := exec.Command(bin, append([]string{"--port", addr}, args...)...)
	// A clean environment: VGW_* and ROOT_* variables of the developer's
	// would otherwise configure the server.
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"ROOT_ACCESS_KEY_ID=" + root.AccessKey,
		"ROOT_SECRET_ACCESS_KEY=" + root.SecretKey,
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// A test binary killed by its timeout runs no Cleanup: the kernel
	// stops the server with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("run %s: %w", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	if err := waitReady("http://"+addr, root, exited); err != nil {
		cmd.Process.Kill()
		<-exited
		out, _ := os.ReadFile(logPath)
		if bytes.Contains(out, []byte("address already in use")) {
			return 0, errAddrInUse
		}
		return 0, fmt.Errorf("%w; versitygw output:\n%s", err, out)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if tb.Failed() {
			out, _ := os.ReadFile(logPath)
			tb.Logf("versitygw output:\n%s", out)
		}
	})
	return cmd.Process.Pid, nil
}

// waitReady polls url with a ListBuckets signed by root until it succeeds,
// versitygw exits, or startTimeout passes. Only this server knows root's
// random secret, so another server that took the port meanwhile cannot
// pass for it.
func waitReady(url string, root Credentials, exited <-chan error) error {
	client := &http.Client{
		Timeout:   time.Second,
		Transport: &http.Transport{DisableKeepAlives: true},
	}
	deadline := time.Now().Add(startTimeout)
	for {
		select {
		case err := <-exited:
			return fmt.Errorf("versitygw exited before answering: %w", err)
		default:
		}
		err := listBuckets(client, url, root)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("versitygw did not answer on %s within %v: %w", url, startTimeout, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func listBuckets(client *http.Client, url string, root Credentials) error {
	req, err := http.NewRequest(http.MethodGet, url+"/", nil)
	if err != nil {
		return err
	}
	if err := sign(req, nil, root); err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ListBuckets: %s", resp.Status)
	}
	return nil
}

// sign signs req, whose body is body, with Signature Version 4 for S3 in
// the server's region, as the SDK would.
func sign(req *http.Request, body []byte, creds Credentials) error {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	c := aws.Credentials{AccessKeyID: creds.AccessKey, SecretAccessKey: creds.SecretKey}
	if err := v4.NewSigner().SignHTTP(req.Context(), c, req, hash, "s3", region, time.Now()); err != nil {
		return fmt.Errorf("sign: %w", err)
	}
	return nil
}

// freeAddr returns a loopback address whose port was free a moment ago;
// versitygw cannot report the port it picked for :0.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// CPUTime is the CPU time (user and system) the server has used so far,
// from /proc; 0 where it cannot be read. Benchmarks report it, since the
// server shares the machine's cores with the scan.
func (s *Server) CPUTime() time.Duration {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticksPerSecond
}

// Root returns the root user's credentials.
func (s *Server) Root() Credentials { return Credentials{s.AccessKey, s.SecretKey} }

// Client returns an S3 client of the root user: path-style, static
// credentials, the server's region and endpoint, and the SDK's default
// retryer. optFns adjust it (another endpoint, no retries).
func (s *Server) Client(tb testing.TB, optFns ...func(*s3.Options)) *s3.Client {
	return s.ClientAs(tb, s.Root(), optFns...)
}

// ClientAs is Client with other credentials.
func (s *Server) ClientAs(tb testing.TB, creds Credentials, optFns ...func(*s3.Options)) *s3.Client {
	c := s3.New(s3.Options{
		Region:       s.Region,
		BaseEndpoint: aws.String(s.Endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(creds.AccessKey, creds.SecretKey, ""),
	}, optFns...)
	// Each client has its own transport; keep its idle connections from
	// outliving the test.
	tb.Cleanup(func() {
		if h, ok := c.Options().HTTPClient.(interface{ CloseIdleConnections() }); ok {
			h.CloseIdleConnections()
		}
	})
	return c
}

// CreateBucket creates bucket as the root user.
func (s *Server) CreateBucket(tb testing.TB, bucket string) {
	tb.Helper()
	if _, err := s.root.CreateBucket(tb.Context(), &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		tb.Fatalf("create bucket %s: %v", bucket, err)
	}
}

// Put stores one object as the root user, with a signed PutObject.
func (s *Server) Put(tb testing.TB, bucket, key string, body []byte) {
	tb.Helper()
	if err := put(tb.Context(), s.root, bucket, key, body); err != nil {
		tb.Fatal(err)
	}
}

// PutAll stores objects (key to body), 8 at a time, and fails the test on
// the first error.
func (s *Server) PutAll(tb testing.TB, bucket string, objects map[string][]byte) {
	tb.Helper()
	g, ctx := errgroup.WithContext(tb.Context())
	g.SetLimit(8)
	for key, body := range objects {
		g.Go(func() error { return put(ctx, s.root, bucket, key, body) })
	}
	if err := g.Wait(); err != nil {
		tb.Fatal(err)
	}
}

func put(ctx context.Context, c *s3.Client, bucket, key string, body []byte) error {
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(body)})
	if err != nil {
		return fmt.Errorf("put s3://%s/%s: %w", bucket, key, err)
	}
	return nil
}

// Env points the AWS SDK's default credential chain at creds for the rest
// of the test: the key pair and region come from the environment, and the
// developer's ~/.aws, profile, session token and endpoint overrides are
// hidden. Like tb.Setenv, it cannot be used in parallel tests.
func (s *Server) Env(tb testing.TB, creds Credentials) {
	tb.Helper()
	dir := tb.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID":           creds.AccessKey,
		"AWS_SECRET_ACCESS_KEY":       creds.SecretKey,
		"AWS_REGION":                  s.Region,
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "no-config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "no-credentials"),
	} {
		tb.Setenv(k, v)
	}
	for _, k := range []string{
		"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN",
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3",
	} {
		tb.Setenv(k, "") // restores the old value at cleanup
		os.Unsetenv(k)
	}
}
