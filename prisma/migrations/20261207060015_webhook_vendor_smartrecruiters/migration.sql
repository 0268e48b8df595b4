-- AlterEnum
ALTER TYPE "WebhookVendor" ADD VALUE 'smartrecruiters';
