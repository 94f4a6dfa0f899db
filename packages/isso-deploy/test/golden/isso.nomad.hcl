job "isso" {
  type        = "service"
  datacenters = ["*"]

  group "isso" {
    count = 1

    constraint {
      attribute = "$${meta.nixkit_isso_db}"
      operator  = "="
      value     = "/var/db/isso"
    }

    volume "isso-db" {
      type   = "host"
      source = "isso-db"
    }

    network {
      mode = "host"

      port "http" {
        static       = 8080
        to           = 8080
        host_network = "loopback"
      }
    }

    restart {
      attempts = 3
      interval = "5m0s"
      delay    = "15s"
      mode     = "delay"
    }

    update {
      max_parallel     = 1
      health_check     = "checks"
      min_healthy_time = "10s"
      healthy_deadline = "3m0s"
      auto_revert      = true
    }

    service {
      name     = "isso"
      port     = "http"
      provider = "nomad"

      check {
        name     = "isso-http"
        type     = "http"
        path     = "/info"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "isso" {
      driver = "podman"

      config {
        image      = "docker-archive:/etc/nixkit/isso/image.tar.gz"
        force_pull = true
        ports      = ["http"]
      }

      volume_mount {
        volume      = "isso-db"
        destination = "/db"
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}
